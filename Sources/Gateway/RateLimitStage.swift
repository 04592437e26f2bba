import RateLimit

/// Steps 5–8 of server.swift: the limiter runs before any cache or model work, so a rejected
/// request costs nothing but the check, and answers 429 with the time to wait.
public struct RateLimitStage: GatewayStage {
    public let limiter: any RateLimiting
    /// The algorithm and rate `limiter` runs, when it was built from them (``GatewayParts/rateLimit(or:)``).
    public internal(set) var spec: LimiterSpec?

    public init(limiter: any RateLimiting) {
        self.limiter = limiter
    }

    public func handle(_ request: GatewayRequest, next: GatewayNext) async throws -> GatewayResult {
        // ANCHOR: limit
        let decision = try await limiter.limit(request.callerID, cost: 1)
        let verdict = RateLimitVerdict(
            allowed: decision.success, limit: decision.limit,
            remaining: decision.remaining, resetMs: decision.reset,
            retryAfterSeconds: Int(decision.retryAfterSeconds))
        guard decision.success else {
            // res.status(429).send('Rate Limited'), with the headers a client
            // needs to back off.
            return GatewayResult(
                outcome: .rejected, status: 429, text: "Rate Limited",
                latencyMs: SimulatedCosts.rateLimitCheckMs, rateLimit: verdict
            )
        }
        // ANCHOR_END: limit
        var admitted = request
        admitted.rateLimit = verdict
        var result = try await next(admitted)
        result.rateLimit = verdict
        result.latencyMs += SimulatedCosts.rateLimitCheckMs
        return result
    }
}

extension Gateway {
    /// The algorithm and rate of the gateway's rate-limit stage; nil when it has none, or a limiter
    /// given whole.
    public var limiter: LimiterSpec? {
        stages.lazy.compactMap { ($0 as? RateLimitStage)?.spec }.first
    }
}
