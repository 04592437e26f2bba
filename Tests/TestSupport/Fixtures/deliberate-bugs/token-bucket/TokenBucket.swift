// A deliberate bug (ExerciseDeliberateBugEndToEndTests): the solution with a refused request consuming a token.
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
    public mutating func limit(nowMs: Int64) -> RateLimitDecision {
        var refilledAt = refilledAtMs ?? nowMs
        let steps = (nowMs - refilledAt) / intervalMs
        if steps > 0 {
            tokens = min(capacity, tokens + Int(steps) * refillRate)
            refilledAt += steps * intervalMs
        }
        refilledAtMs = refilledAt
        let reset = refilledAt + intervalMs
        tokens -= 1  // BUG: taken before looking, so a refused request consumes a token too
        guard tokens >= 0 else { return RateLimitDecision(allowed: false, remaining: 0, resetMs: reset) }
        return RateLimitDecision(allowed: true, remaining: tokens, resetMs: reset)
    }
}
