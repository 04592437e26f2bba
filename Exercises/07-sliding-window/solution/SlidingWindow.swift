import ServerSupport

/// Step 7 of server.swift: the sliding window of @upstash/ratelimit's `Ratelimit.slidingWindow(limit, window)`.
/// It keeps two counters, the current epoch-aligned window's and the previous one's, and counts the previous window
/// by the share of it still inside the rolling window. One value per caller.
public struct SlidingWindow {
    public let limit: Int
    public let windowMs: Int64
    /// The current window's number and the requests admitted in it and in the window before.
    var window: Int64 = 0
    var current = 0
    var previous = 0

    public init(limit: Int, windowMs: Int64) {
        self.limit = limit
        self.windowMs = windowMs
    }

    /// Decides one request at `nowMs` (time is given, never read from a clock).
    public mutating func limit(nowMs: Int64) -> RateLimitDecision {
        let now = nowMs / windowMs
        if now != window {
            previous = now == window + 1 ? current : 0
            current = 0
            window = now
        }
        let resetMs = (now + 1) * windowMs
        // As Upstash's Lua script computes it, in floating point.
        let elapsed = Double(nowMs % windowMs) / Double(windowMs)
        let weighted = Int(((1 - elapsed) * Double(previous)).rounded(.down))
        guard weighted + current < limit else {
            return RateLimitDecision(allowed: false, remaining: 0, resetMs: resetMs)  // refused, not counted
        }
        current += 1
        return RateLimitDecision(allowed: true, remaining: limit - current - weighted, resetMs: resetMs)
    }
}
