/// The generic cell rate algorithm: one "theoretical arrival time" (TAT) per identifier.
/// Each admitted request pushes the TAT forward by the emission interval
/// (`interval / refill`); a request is admitted when the TAT after it is at most
/// `capacity` emission intervals ahead of now. It behaves like a continuous token bucket
/// while storing a single number. Time is kept exactly in units of 1/refill ms.
/// `reset` is when `remaining` next grows; for a rejected request, when it would pass.
public struct GCRA: RateLimitAlgorithm {
    /// What is remembered per identifier.
    public struct State: Hashable, Sendable {
        /// Theoretical arrival time, in units of 1/`refill` ms.
        public var tat: Int64
    }

    public let capacity: Int
    public let refill: Int
    public let intervalMilliseconds: Int64
    /// The largest refill whose scaled clock stays far from overflow.
    public static let maximumRefill = 1_000_000

    public var name: String { "gcra" }
    public var limit: Int { capacity }

    /// Admits bursts of up to `capacity` and `refill` requests per `interval` sustained.
    public init(capacity: Int, refill: Int, interval: LimitDuration) throws {
        try RateLimitError.requirePositive(capacity, "capacity", of: "requests")
        guard refill > 0, refill <= Self.maximumRefill else {
            throw RateLimitError.badParameter("refill", "\(refill)", expected: "between 1 and \(Self.maximumRefill)")
        }
        _ = try RateLimitError.scaledCapacity(capacity, interval)
        self.capacity = capacity
        self.refill = refill
        self.intervalMilliseconds = interval.milliseconds
    }

    /// `now` in the algorithm's scaled units, saturating far in the future.
    @inline(__always)
    func scaled(_ now: Int64) -> Int64 {
        let product = now.multipliedReportingOverflow(by: Int64(refill))
        return product.overflow ? Int64.max / 2 : min(product.partialValue, Int64.max / 2)
    }

    public func isLive(_ state: State, at now: Int64) -> Bool {
        state.tat > scaled(now)
    }

    public func decide(_ state: inout State?, now: Int64, cost: Int) -> RateLimitResult {
        let emission = intervalMilliseconds
        let burst = Int64(capacity) * emission
        let scaledNow = scaled(now)
        let tat = max(state?.tat ?? scaledNow, scaledNow)
        let newTAT = tat + min(Int64(cost), Int64(capacity) + 1) * emission
        let allowAt = newTAT - burst
        let scale = Int64(refill)
        if scaledNow < allowAt {
            let remaining = max(0, (scaledNow - (tat - burst)) / emission)
            // A request costing more than the capacity never passes: report when the bucket is full.
            let retryAt = cost > capacity ? tat : allowAt
            return .make(
                success: false, limit: capacity, remaining: Int(remaining), reset: ceilDiv(retryAt, scale), now: now)
        }
        state = State(tat: newTAT)
        let remaining = (scaledNow - allowAt) / emission
        let reset = ceilDiv(allowAt + (remaining + 1) * emission, scale)
        return .make(success: true, limit: capacity, remaining: Int(remaining), reset: reset, now: now)
    }
}
