/// @upstash/ratelimit's fixed window: a counter per epoch-aligned window
/// (`⌊now / window⌋`). Every request is counted, rejected ones too; a request is
/// admitted while the count after it is at most the limit. `reset` is the window's end.
/// Two full windows back to back can admit up to 2× the limit in a short span.
public struct FixedWindow: RateLimitAlgorithm {
    /// What is remembered per identifier.
    public struct State: Hashable, Sendable {
        /// The window index, `⌊now / window⌋`.
        public var window: Int64
        /// Requests (weighted by cost) counted in that window.
        public var count: Int
    }

    public let limit: Int
    /// Window length in milliseconds.
    public let windowMilliseconds: Int64

    public var name: String { "fixed-window" }

    /// `limit` requests per `window`; `limit` must be positive.
    public init(limit: Int, window: LimitDuration) throws {
        try RateLimitError.requirePositive(limit, "limit", of: "requests")
        self.limit = limit
        self.windowMilliseconds = window.milliseconds
    }

    public func isLive(_ state: State, at now: Int64) -> Bool {
        contains(state.window, now)
    }

    /// Whether `now` falls in window number `window`, without dividing (the hot path).
    @inline(__always)
    func contains(_ window: Int64, _ now: Int64) -> Bool {
        let start = window &* windowMilliseconds
        return now >= start && now - start < windowMilliseconds
    }

    // ANCHOR: decide
    public func decide(
        _ state: inout State?, now: Int64, cost: Int
    ) -> RateLimitResult {
        let window: Int64
        var count = cost
        if let old = state, contains(old.window, now) {
            window = old.window
            count += old.count
        } else {
            window = floorDiv(now, windowMilliseconds)
        }
        state = State(window: window, count: count)
        let reset = (window + 1) * windowMilliseconds
        return .make(
            success: count <= limit, limit: limit, remaining: limit - count,
            reset: reset, now: now)
    }
    // ANCHOR_END: decide
}
