import ServerSupport

/// Step 8 of server.swift: the HTTP layer. Every request meets the services in one order — identify the caller,
/// rate limit, exact cache, semantic cache, model — so a refused caller costs one limiter check and nothing else,
/// and a 429 tells the client when to come back.
public struct Handler {
    public let services: HandlerServices

    public init(services: HandlerServices) {
        self.services = services
    }

    /// `RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset` (whole seconds until `resetMs`, rounded up,
    /// never negative) for every decision, and `Retry-After` (the same wait, at least 1 s) when it refuses.
    public static func rateLimitHeaders(for decision: RateLimitDecision, limit: Int, nowMs: Int64) -> [String: String] {
        // TODO: the three RateLimit headers, and Retry-After for a refused decision.
        [:]
    }

    /// The 429 a refused request gets, with the headers a client needs to back off.
    public static func tooManyRequests(for decision: RateLimitDecision, limit: Int, nowMs: Int64) -> GatewayResponse {
        // TODO: status 429 with `rateLimitHeaders`.
        GatewayResponse(status: 200, body: "")
    }

    /// Answers one request. A streamed miss is forwarded chunk by chunk to `client` and cached only when the stream
    /// completed; a cache hit for a streaming client is sent as one chunk.
    public func handle(_ request: GatewayRequest, client: ChunkSink) -> GatewayResponse {
        // TODO: identify → limit (a refused caller gets `tooManyRequests` and nothing else) → exact cache →
        // semantic cache → model (`StreamForwarder.forward` for a stream); store a complete answer in both caches.
        // Every response carries the RateLimit headers; a model error or an aborted stream answers 502.
        GatewayResponse(status: 501, body: "not implemented")
    }
}
