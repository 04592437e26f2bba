import ServerSupport

/// Step 6 of server.swift: a token bucket, as @upstash/ratelimit's `Ratelimit.tokenBucket(refillRate, interval,
/// maxTokens)` behaves. It starts full with `capacity` tokens; every whole `intervalMs` since the last refill step
/// adds `refillRate` tokens (never more than `capacity`); each admitted request takes one token.
public struct TokenBucket {
    public let capacity: Int
    public let refillRate: Int
    public let intervalMs: Int64
    /// Tokens left now.
    var tokens: Int
    /// Start of the current refill step (Unix ms); nil before the first request.
    var refilledAtMs: Int64?

    public init(capacity: Int, refillRate: Int, intervalMs: Int64) {
        self.capacity = capacity
        self.refillRate = refillRate
        self.intervalMs = intervalMs
        self.tokens = capacity
    }

    /// Decides one request at `nowMs` (time is given, never read from a clock).
    ///
    /// Must hold:
    /// - the first request starts the refill steps: `refilledAtMs = nowMs`;
    /// - `n = (nowMs − refilledAtMs) / intervalMs` whole steps add `n · refillRate` tokens, at most `capacity`,
    ///   and move `refilledAtMs` forward by `n · intervalMs` (not to `nowMs`);
    /// - with no token left the request is refused and nothing changes (a refused request costs nothing);
    /// - otherwise it takes one token and is allowed; `remaining` is the tokens left after it;
    /// - `resetMs` is the next refill step: `refilledAtMs + intervalMs`.
    public mutating func limit(nowMs: Int64) -> RateLimitDecision {
        // TODO: refill in whole steps, then admit or refuse the request.
        return RateLimitDecision(allowed: true, remaining: capacity, resetMs: nowMs)
    }
}
