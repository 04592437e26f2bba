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
        let untilReset = decision.resetMs - nowMs
        let seconds = max(0, untilReset / 1000 + (untilReset % 1000 > 0 ? 1 : 0))
        var headers = [
            "RateLimit-Limit": String(limit),
            "RateLimit-Remaining": String(decision.remaining),
            "RateLimit-Reset": String(seconds),
        ]
        if !decision.allowed {
            // The deliberate bug: a reset right now gives "Retry-After: 0".
            headers["Retry-After"] = String(seconds)
        }
        return headers
    }

    /// The 429 a refused request gets, with the headers a client needs to back off.
    public static func tooManyRequests(for decision: RateLimitDecision, limit: Int, nowMs: Int64) -> GatewayResponse {
        GatewayResponse(
            status: 429, headers: rateLimitHeaders(for: decision, limit: limit, nowMs: nowMs), body: "Rate Limited")
    }

    /// Answers one request. A streamed miss is forwarded chunk by chunk to `client` and cached only when the stream
    /// completed; a cache hit for a streaming client is sent as one chunk.
    public func handle(_ request: GatewayRequest, client: ChunkSink) -> GatewayResponse {
        let caller = services.identity.callerID(
            apiKey: request.apiKey, peerAddress: request.peerAddress, forwardedFor: request.forwardedFor)
        let decision = services.limiter.limit(callerID: caller, nowMs: request.nowMs)
        let limit = services.limiter.maxRequests
        guard decision.allowed else {
            return Self.tooManyRequests(for: decision, limit: limit, nowMs: request.nowMs)
        }
        let headers = Self.rateLimitHeaders(for: decision, limit: limit, nowMs: request.nowMs)
        do {
            if let cached = try services.exactCache.lookup(request.chat)
                ?? services.semanticCache.lookup(request.chat, embedding: request.embedding)
            {
                if request.stream { try? client.send(cached) }
                return GatewayResponse(status: 200, headers: headers, body: cached)
            }
            let answer: String?
            if request.stream {
                answer = StreamForwarder.forward(try services.model.stream(request.chat), to: client)
            } else {
                answer = try services.model.complete(request.chat)
            }
            guard let answer else {
                // An aborted stream is not an answer: nothing is cached.
                return GatewayResponse(status: 502, headers: headers, body: "the model's stream broke off")
            }
            services.semanticCache.store(request.chat, embedding: request.embedding, answer: answer)
            try services.exactCache.store(request.chat, answer: answer)
            return GatewayResponse(status: 200, headers: headers, body: answer)
        } catch {
            return GatewayResponse(status: 502, headers: headers, body: "the model failed: \(error)")
        }
    }
}
