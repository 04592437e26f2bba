/// @upstash/ratelimit's token bucket: starts full with `maxTokens`; refills in whole
/// steps of `refillRate` tokens every `interval` (`n = ⌊(now − refilledAt) / interval⌋`),
/// capped at `maxTokens`. It rejects only when the bucket is at zero, with
/// `reset = refilledAt + interval` (the next refill step). A request costing more than
/// the tokens left is not admitted but still drains the bucket below zero, as Upstash's
/// script does. An identifier is forgotten `⌈(max − tokens) / refillRate⌉ · interval`
/// after its last admitted request (Upstash's key expiry), so it then starts full again.
public struct TokenBucket: RateLimitAlgorithm {
    /// What is remembered per identifier.
    public struct State: Hashable, Sendable {
        /// Start of the current refill step (Unix ms).
        public var refilledAt: Int64
        /// Tokens left; negative after an over-cost request.
        public var tokens: Int
        /// The instant after which the identifier is forgotten (the key's expiry).
        public var expiresAt: Int64
    }

    public let maxTokens: Int
    public let refillRate: Int
    public let intervalMilliseconds: Int64

    public var name: String { "token-bucket" }
    public var limit: Int { maxTokens }

    /// `refillRate` tokens every `interval`, holding at most `maxTokens`.
    public init(refillRate: Int, interval: LimitDuration, maxTokens: Int) throws {
        try RateLimitError.requirePositive(maxTokens, "capacity", of: "tokens")
        try RateLimitError.requirePositive(refillRate, "refill", of: "tokens")
        self.maxTokens = maxTokens
        self.refillRate = refillRate
        self.intervalMilliseconds = interval.milliseconds
    }

    public func isLive(_ state: State, at now: Int64) -> Bool {
        now <= state.expiresAt
    }

    // ANCHOR: decide
    public func decide(
        _ state: inout State?, now: Int64, cost: Int
    ) -> RateLimitResult {
        var refilledAt = state?.refilledAt ?? now
        var tokens = state?.tokens ?? maxTokens
        // Refill in whole steps: `refillRate` tokens per elapsed interval.
        if now >= refilledAt + intervalMilliseconds {
            let steps = (now - refilledAt) / intervalMilliseconds
            let added = Int(clamping: steps)
                .multipliedReportingOverflow(by: refillRate)
            tokens = added.overflow
                ? maxTokens : min(maxTokens, tokens &+ added.partialValue)
            refilledAt += steps * intervalMilliseconds
        }
        let reset = refilledAt + intervalMilliseconds
        if tokens == 0 {
            return .make(
                success: false, limit: maxTokens, remaining: 0,
                reset: reset, now: now)
        }
        // Take `cost` tokens; the state lives until the bucket is full again.
        let remaining = tokens - cost
        let toFull = ceilDiv(Int64(maxTokens - remaining), Int64(refillRate))
        let lifetime = Int64(toFull) * intervalMilliseconds
        let expiresAt = lifetime > 0
            ? now + lifetime : (state?.expiresAt ?? Int64.max)
        state = State(
            refilledAt: refilledAt, tokens: remaining, expiresAt: expiresAt)
        return .make(
            success: remaining >= 0, limit: maxTokens, remaining: remaining,
            reset: reset, now: now)
    }
    // ANCHOR_END: decide
}
