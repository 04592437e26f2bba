/// The answer to one `limit` call, shaped like @upstash/ratelimit's response so the
/// numbers map straight onto `RateLimit-*` and `Retry-After` headers.
public struct RateLimitResult: Hashable, Sendable {
    /// Whether the request may proceed.
    public var success: Bool
    /// The configured maximum (requests per window, or bucket capacity).
    public var limit: Int
    /// How many more requests (of cost 1) would be admitted right now; never negative.
    public var remaining: Int
    /// Unix milliseconds at which the limit resets (see each algorithm for its meaning).
    public var reset: Int64
    /// Whole seconds a rejected client should wait (`Retry-After`); 0 on success.
    public var retryAfterSeconds: Int64

    public init(success: Bool, limit: Int, remaining: Int, reset: Int64, retryAfterSeconds: Int64) {
        self.success = success
        self.limit = limit
        self.remaining = remaining
        self.reset = reset
        self.retryAfterSeconds = retryAfterSeconds
    }

    /// A result whose `Retry-After` is derived from `reset`: rounded up to whole seconds
    /// when rejected, 0 when admitted.
    static func make(success: Bool, limit: Int, remaining: Int, reset: Int64, now: Int64) -> RateLimitResult {
        let wait = success ? 0 : max(0, ceilDiv(reset - now, 1000))
        return RateLimitResult(
            success: success, limit: limit, remaining: max(0, remaining), reset: reset, retryAfterSeconds: wait)
    }
}

/// `⌊a / b⌋` for `b > 0`, also for negative `a`.
@inline(__always)
func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
    let q = a / b
    return (a % b != 0 && a < 0) ? q - 1 : q
}

/// `⌈a / b⌉` for `b > 0`, also for negative `a`.
@inline(__always)
func ceilDiv(_ a: Int64, _ b: Int64) -> Int64 {
    -floorDiv(-a, b)
}
