import ServerSupport

/// Step 7 of server.swift: the sliding window of @upstash/ratelimit's `Ratelimit.slidingWindow(limit, window)`.
/// It keeps two counters, the current epoch-aligned window's and the previous one's, and counts the previous window
/// by the share of it still inside the rolling window. One value per caller.
public struct SlidingWindow {
    public let limit: Int
    public let windowMs: Int64

    public init(limit: Int, windowMs: Int64) {
        self.limit = limit
        self.windowMs = windowMs
    }

    /// Decides one request at `nowMs` (time is given, never read from a clock).
    ///
    /// Must hold:
    /// - the window of `nowMs` is `nowMs / windowMs` (aligned to the epoch); `resetMs` is its end;
    /// - entering a new window, the old current count becomes `previous` when the old window is the one just
    ///   before, else `previous` is 0; the new window's count starts at 0;
    /// - `weighted = ⌊(1 − elapsed) × previous⌋`, where `elapsed = Double(nowMs % windowMs) / Double(windowMs)`,
    ///   computed in `Double` exactly like that, as Upstash's Lua script does;
    /// - when `weighted + current >= limit` the request is refused with `remaining` 0, and NOT counted;
    /// - otherwise it is counted (`current += 1`) and allowed; `remaining = limit − current − weighted`.
    public mutating func limit(nowMs: Int64) -> RateLimitDecision {
        // TODO: keep the window, its count and the previous window's count (add stored properties), then decide.
        return RateLimitDecision(allowed: true, remaining: limit, resetMs: nowMs + windowMs)
    }
}
