import Clocks
import RateLimit

extension LimiterSpec {
    /// The same limiter as ``makeLimiter(clock:prefix:)``, its state kept on a RESP server through
    /// `connections`: every gateway on that server with the same `prefix` enforces one limit per key.
    public func makeRESPLimiter(
        connections: any RESPConnectionSource, clock: any WallClock, prefix: String
    ) throws -> any RateLimiting {
        let count = rate.count
        let window = rate.per
        switch algorithm {
        case "fixed-window":
            return RESPRateLimiter(
                try FixedWindow(limit: count, window: window), connections: connections, prefix: prefix, clock: clock)
        case "sliding-window":
            return RESPRateLimiter(
                try SlidingWindow(limit: count, window: window), connections: connections, prefix: prefix,
                clock: clock)
        case "sliding-log":
            return RESPRateLimiter(
                try SlidingLog(limit: count, window: window), connections: connections, prefix: prefix, clock: clock)
        case "token-bucket":
            return RESPRateLimiter(
                try TokenBucket(refillRate: count, interval: window, maxTokens: count), connections: connections,
                prefix: prefix, clock: clock)
        case "continuous-bucket":
            return RESPRateLimiter(
                try ContinuousTokenBucket(capacity: count, refill: count, interval: window), connections: connections,
                prefix: prefix, clock: clock)
        default:
            return RESPRateLimiter(
                try GCRA(capacity: count, refill: count, interval: window), connections: connections, prefix: prefix,
                clock: clock)
        }
    }
}
