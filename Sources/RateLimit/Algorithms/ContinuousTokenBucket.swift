/// A token bucket that refills continuously, `refill` tokens per `interval` spread
/// evenly over time, holding fractional tokens (as the course page describes it).
/// Starts full; a request is admitted when at least its cost in tokens is there.
/// Token amounts are kept exactly, in units of 1/interval-in-ms of a token, so every
/// store computes the same decisions. `reset` is when `remaining` next grows (now, if
/// full); for a rejected request, when enough tokens will have accrued.
public struct ContinuousTokenBucket: RateLimitAlgorithm {
    /// What is remembered per identifier.
    public struct State: Hashable, Sendable {
        /// Tokens at `updatedAt`, in units of 1/`intervalMilliseconds` token.
        public var level: Int64
        public var updatedAt: Int64
    }

    public let capacity: Int
    public let refill: Int
    public let intervalMilliseconds: Int64
    /// One token, in level units.
    private var unit: Int64 { intervalMilliseconds }
    private let fullLevel: Int64

    public var name: String { "continuous-bucket" }
    public var limit: Int { capacity }

    /// Holds `capacity` tokens and gains `refill` tokens per `interval`.
    public init(capacity: Int, refill: Int, interval: LimitDuration) throws {
        try RateLimitError.requirePositive(capacity, "capacity", of: "tokens")
        try RateLimitError.requirePositive(refill, "refill", of: "tokens")
        self.fullLevel = try RateLimitError.scaledCapacity(capacity, interval)
        self.capacity = capacity
        self.refill = refill
        self.intervalMilliseconds = interval.milliseconds
    }

    /// The bucket's level at `now`, after refilling since `state.updatedAt`.
    public func level(of state: State?, at now: Int64) -> Int64 {
        guard let state else { return fullLevel }
        let missing = fullLevel - state.level
        let elapsed = max(0, now - state.updatedAt)
        if elapsed >= ceilDiv(missing, Int64(refill)) { return fullLevel }
        return state.level + elapsed * Int64(refill)
    }

    public func isLive(_ state: State, at now: Int64) -> Bool {
        level(of: state, at: now) < fullLevel
    }

    // ANCHOR: decide
    public func decide(
        _ state: inout State?, now: Int64, cost: Int
    ) -> RateLimitResult {
        var level = level(of: state, at: now)
        let needed = min(Int64(cost), Int64(capacity) + 1) * unit
        guard level >= needed else {
            let target = min(needed, fullLevel)
            let reset = now + ceilDiv(target - level, Int64(refill))
            return .make(
                success: false, limit: capacity, remaining: Int(level / unit),
                reset: reset, now: now)
        }
        level -= needed
        state = State(level: level, updatedAt: now)
        let remaining = level / unit
        let reset = remaining >= Int64(capacity)
            ? now : now + ceilDiv((remaining + 1) * unit - level, Int64(refill))
        return .make(
            success: true, limit: capacity, remaining: Int(remaining),
            reset: reset, now: now)
    }
    // ANCHOR_END: decide
}
