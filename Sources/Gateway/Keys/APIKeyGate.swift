import Clocks
import RateLimit

/// What the server does with a request's key before any other work.
public enum APIKeyDecision: Sendable {
    /// An issued key: serve the request as this key's holder.
    case admitted(APIKey)
    /// A missing or unknown key within the address's allowance: answer 401.
    case unauthorized(RateLimitVerdict)
    /// A missing or unknown key from an address over its allowance: answer 429.
    case throttled(RateLimitVerdict)
}

/// Checks `Authorization: Bearer` keys against a ``APIKeyring``. Requests with a missing or
/// unknown key are refused before any cache or model work, and counted against a limit per client
/// address, so a client guessing keys is itself rate limited. Issued keys never touch that limit.
public final class APIKeyGate: Sendable {
    /// Requests with a missing or unknown key allowed per client address: 10 a minute.
    public static let defaultUnauthenticatedLimit = "10 per 60 s"

    public let keyring: APIKeyring
    public let unauthenticatedLimit: LimitRate
    private let limiter: any RateLimiting

    /// `clock` is what the unauthenticated limiter reads (the server's clock).
    public init(keyring: APIKeyring, unauthenticatedLimit: LimitRate, clock: any WallClock) throws {
        self.keyring = keyring
        self.unauthenticatedLimit = unauthenticatedLimit
        self.limiter = try LimiterSpec(algorithm: "sliding-window", rate: unauthenticatedLimit)
            .makeLimiter(clock: clock, prefix: "archlab:unauthenticated")
    }

    // ANCHOR: check
    /// Matches `apiKey`; a miss costs one request of `clientAddress`'s
    /// unauthenticated allowance.
    public func check(
        apiKey: String?, clientAddress: String
    ) async throws -> APIKeyDecision {
        if let key = keyring.match(apiKey) { return .admitted(key) }
        let decision = try await limiter.limit("ip:" + clientAddress, cost: 1)
        let verdict = RateLimitVerdict(
            allowed: decision.success, limit: decision.limit,
            remaining: decision.remaining, resetMs: decision.reset,
            retryAfterSeconds: Int(decision.retryAfterSeconds))
        return decision.success ? .unauthorized(verdict) : .throttled(verdict)
    }
    // ANCHOR_END: check
}

/// Routes each caller to its own limiter when its key has a `limit`, else to the server's.
/// Callers are the identify stage's ids (`key:NAME`).
public final class PerKeyRateLimiter: RateLimiting {
    private let fallback: any RateLimiting
    private let overrides: [String: any RateLimiting]

    /// `overrides` maps caller ids to their limiters.
    public init(fallback: any RateLimiting, overrides: [String: any RateLimiting]) {
        self.fallback = fallback
        self.overrides = overrides
    }

    public func limit(_ identifier: String, cost: Int) async throws -> RateLimitResult {
        try await (overrides[identifier] ?? fallback).limit(identifier, cost: cost)
    }
}
