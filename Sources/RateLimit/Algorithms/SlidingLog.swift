/// An exact sliding log: the timestamps of admitted requests (a sorted set in Redis).
/// A request is admitted when the requests logged in the last `window`, plus its cost,
/// stay within the limit; rejected requests are not logged. `reset` is when `remaining`
/// next grows: when the oldest logged request leaves the window, or, for a rejected
/// request, the first instant at which it would be admitted.
public struct SlidingLog: RateLimitAlgorithm {
    /// What is remembered per identifier.
    public struct State: Hashable, Sendable {
        /// Admitted requests' timestamps, oldest first (a request of cost c appears c times).
        public var entries: [Int64]
    }

    public let limit: Int
    public let windowMilliseconds: Int64

    public var name: String { "sliding-log" }

    /// `limit` requests in any `window`.
    public init(limit: Int, window: LimitDuration) throws {
        try RateLimitError.requirePositive(limit, "limit", of: "requests")
        self.limit = limit
        self.windowMilliseconds = window.milliseconds
    }

    public func isLive(_ state: State, at now: Int64) -> Bool {
        guard let newest = state.entries.last else { return false }
        return newest > now - windowMilliseconds
    }

    public func decide(_ state: inout State?, now: Int64, cost: Int) -> RateLimitResult {
        var entries = state?.entries ?? []
        let horizon = now - windowMilliseconds
        if let firstLive = entries.firstIndex(where: { $0 > horizon }) {
            if firstLive > 0 { entries.removeFirst(firstLive) }
        } else {
            entries.removeAll(keepingCapacity: true)
        }
        if entries.count + cost > limit {
            let mustExpire = entries.count + cost - limit
            let reset: Int64
            if cost > limit || mustExpire > entries.count {
                reset = (entries.last ?? now) + windowMilliseconds
            } else {
                reset = entries[mustExpire - 1] + windowMilliseconds
            }
            state = entries.isEmpty ? nil : State(entries: entries)
            return .make(success: false, limit: limit, remaining: limit - entries.count, reset: reset, now: now)
        }
        entries.append(contentsOf: repeatElement(now, count: cost))
        state = State(entries: entries)
        let reset = entries[0] + windowMilliseconds
        return .make(success: true, limit: limit, remaining: limit - entries.count, reset: reset, now: now)
    }
}
