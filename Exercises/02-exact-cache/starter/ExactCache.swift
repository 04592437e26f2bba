import ServerSupport

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

    /// The prompt trimmed, runs of whitespace collapsed to one space, lowercased:
    /// "  Reset my  Password?" and "reset my password?" are the same question.
    public static func normalise(_ prompt: String) -> String {
        // TODO: trim, collapse whitespace, lowercase.
        return prompt
    }

    /// `llm:exact:` + the SHA-256 hex (`SHA256.hex(_:)`) of, joined by the unit separator "\u{1F}":
    /// tenant, model, system prompt, `temperature=<temperature>`, `max_tokens=<maxTokens>`, the normalised prompt.
    /// Leaving any of them out serves one tenant's or one model's answer to another.
    public static func key(for request: ChatRequest) -> String {
        // TODO: build the key from everything that changes the answer.
        return "llm:exact:" + request.prompt
    }

    /// Answers a request: `GET` the key; a hit is returned without calling the model. On a miss, ask the model,
    /// store its answer with `SETEX key 3600 answer` (value and TTL in one atomic command) and return it.
    /// A request with a temperature above 0 asks for variety: never read or write the cache for it.
    public func answer(_ request: ChatRequest) throws -> String {
        // TODO: GET, then on a miss call the model and SETEX.
        return try model.complete(request)
    }
}
