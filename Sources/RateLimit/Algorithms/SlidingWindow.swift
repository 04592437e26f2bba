/// @upstash/ratelimit's sliding window counter: the current window's count plus the
/// previous window's count weighted by the share of it still in view,
/// `⌊(1 − elapsed/window) · previous⌋` (computed in floating point, as Redis's Lua does).
/// A request is rejected, without being counted, when that sum is already at the limit;
/// otherwise it is counted and admitted if the sum after it stays within the limit.
/// `reset` is the end of the current window.
public struct SlidingWindow: RateLimitAlgorithm {
    /// What is remembered per identifier.
    public struct State: Hashable, Sendable {
        /// The current window's index, `⌊now / window⌋`.
        public var window: Int64
        public var current: Int
        public var previous: Int
    }

    public let limit: Int
    public let windowMilliseconds: Int64

    public var name: String { "sliding-window" }

    /// `limit` requests per rolling `window`.
    public init(limit: Int, window: LimitDuration) throws {
        try RateLimitError.requirePositive(limit, "limit", of: "requests")
        self.limit = limit
        self.windowMilliseconds = window.milliseconds
    }

    public func isLive(_ state: State, at now: Int64) -> Bool {
        now < (state.window &+ 2) &* windowMilliseconds
    }

    // ANCHOR: decide
    /// The previous window's count weighted by how much of it is still in view.
    public func weightedPrevious(_ previous: Int, now: Int64) -> Int {
        let start = floorDiv(now, windowMilliseconds) * windowMilliseconds
        return weightedPrevious(previous, elapsed: now - start)
    }

    // ANCHOR: weight
    @inline(__always)
    func weightedPrevious(_ previous: Int, elapsed: Int64) -> Int {
        if previous == 0 { return 0 }
        let share = Double(elapsed) / Double(windowMilliseconds)
        return Int(((1 - share) * Double(previous)).rounded(.down))
    }
    // ANCHOR_END: weight

    public func decide(
        _ state: inout State?, now: Int64, cost: Int
    ) -> RateLimitResult {
        let window: Int64
        if let old = state, now >= old.window &* windowMilliseconds,
            now - old.window &* windowMilliseconds < windowMilliseconds
        {
            window = old.window
        } else {
            window = floorDiv(now, windowMilliseconds)
        }
        let start = window * windowMilliseconds
        var current = 0
        var previous = 0
        if let old = state {
            if old.window == window {
                current = old.current
                previous = old.previous
            } else if old.window == window - 1 {
                previous = old.current
            }
        }
        // ANCHOR: core
        let reset = start + windowMilliseconds
        let weighted = weightedPrevious(previous, elapsed: now - start)
        if weighted + current >= limit {
            if state != nil {
                state = State(window: window, current: current, previous: previous)
            }
            return .make(
                success: false, limit: limit, remaining: 0, reset: reset, now: now)
        }
        current += cost
        state = State(window: window, current: current, previous: previous)
        let remaining = limit - (current + weighted)
        return .make(
            success: remaining >= 0, limit: limit, remaining: remaining,
            reset: reset, now: now)
        // ANCHOR_END: core
    }
    // ANCHOR_END: decide
}
