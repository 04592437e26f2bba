import ServerSupport

// A deliberate bug for ExerciseBugsEndToEndTests: the cache key leaves the tenant out.

/// Step 2 of server.swift: an exact cache in Redis. The same question (after normalising) with the same tenant,
/// model, system prompt and parameters is answered from Redis, in one round trip and at no token cost.
public struct ExactCache {
    public let redis: RESPConnection
    public let model: ModelService
    /// How long a cached answer lives, in seconds.
    public let ttlSeconds = 3600

    public init(redis: RESPConnection, model: ModelService) {
        self.redis = redis
        self.model = model
    }

    /// The prompt trimmed, runs of whitespace collapsed to one space, lowercased.
    public static func normalise(_ prompt: String) -> String {
        prompt.split(whereSeparator: \.isWhitespace).joined(separator: " ").lowercased()
    }

    /// `llm:exact:` + the SHA-256 hex of everything that changes the answer, joined by "\u{1F}".
    public static func key(for request: ChatRequest) -> String {
        let material = [
            request.model, request.systemPrompt,
            "temperature=\(request.temperature)", "max_tokens=\(request.maxTokens)",
            normalise(request.prompt),
        ]
        return "llm:exact:" + SHA256.hex(material.joined(separator: "\u{1F}"))
    }

    /// GET; on a miss, call the model and SETEX the answer with the TTL. Temperature above 0 is never cached.
    public func answer(_ request: ChatRequest) throws -> String {
        guard request.temperature == 0 else { return try model.complete(request) }
        let key = Self.key(for: request)
        if let cached = try redis.send(["GET", key]).text {
            return cached
        }
        let text = try model.complete(request)
        _ = try redis.send(["SETEX", key, String(ttlSeconds), text])
        return text
    }
}
