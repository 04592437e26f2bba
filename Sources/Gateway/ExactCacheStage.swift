import RESP

/// Step 2 of server.swift: an exact cache in Redis. Same normalised prompt, same tenant, model
/// and parameters → the stored answer, in one round trip and at no token cost.
public struct ExactCacheStage: GatewayStage {
    public let redis: any RESPCommandSender
    public let ttlSeconds: Int
    /// Put before every key, so runs sharing one Redis do not see each other's entries.
    public let keyPrefix: String
    /// Whether an answer shaped by caller-supplied context is cached too (lesson 8's security lab turns it on
    /// to show the poisoning it lets in); off, such a request goes straight to the model.
    public var cachesContext = false

    public init(redis: any RESPCommandSender, ttlSeconds: Int = 3600, keyPrefix: String = "") {
        self.redis = redis
        self.ttlSeconds = ttlSeconds
        self.keyPrefix = keyPrefix
    }

    public func handle(_ request: GatewayRequest, next: GatewayNext) async throws -> GatewayResult {
        // Sampling at temperature > 0 asks for a different answer each time: do not cache it.
        guard request.request.temperature == 0 else { return try await next(request) }
        // No key holds the caller's own context (an account note): an answer it shaped is nobody else's.
        guard request.request.context.isEmpty || cachesContext else { return try await next(request) }
        // ANCHOR: lookup
        let key = keyPrefix + CacheKey.exact(request.request)
        let reply = try await redis.send(["GET", key])
        if case .bulkString(let bytes) = reply,
            let cached = CachedAnswer.decode(bytes)
        {
            return GatewayResult(
                outcome: .exactHit, status: 200, text: cached.text,
                latencyMs: SimulatedCosts.redisRoundTripMs)
        }
        // ANCHOR_END: lookup
        var result = try await next(request)
        // ANCHOR: store
        // SETEX stores the value and its TTL in one atomic command:
        // no window without an expiry.
        if result.isCacheable {
            let entry = CachedAnswer(
                text: result.text, model: request.request.model,
                intent: request.label, createdMs: request.atMs)
            _ = try await redis.send(
                ["SETEX", key, String(ttlSeconds), entry.encoded])
        }
        // ANCHOR_END: store
        result.latencyMs += SimulatedCosts.redisRoundTripMs
        return result
    }
}
