import Clocks
import RateLimit

/// A limiter named the way `archlab limit simulate` names them, with its numbers.
public struct LimiterSpec: Sendable, Hashable {
    public static let algorithms = [
        "fixed-window", "sliding-window", "sliding-log", "token-bucket", "continuous-bucket", "gcra",
    ]

    public var algorithm: String
    /// For window algorithms: requests per window. For buckets and GCRA: capacity and refill per interval.
    public var rate: LimitRate

    public init(algorithm: String, rate: LimitRate) throws {
        guard Self.algorithms.contains(algorithm) else {
            throw UnknownAlgorithm(name: algorithm)
        }
        self.algorithm = algorithm
        self.rate = rate
    }

    /// An algorithm name that is not one of ``algorithms``.
    public struct UnknownAlgorithm: Error, Hashable, Sendable, CustomStringConvertible {
        public let name: String

        public var description: String {
            "parameter 'algorithm': '\(name)' is not valid; expected \(LimiterSpec.algorithms.joined(separator: ", "))"
        }
    }

    /// An in-memory limiter reading `clock`. Buckets get capacity = limit and refill = limit per
    /// window, so every algorithm is compared like with like.
    public func makeLimiter(clock: any WallClock, prefix: String = "ratelimit") throws -> any RateLimiting {
        let count = rate.count
        let window = rate.per
        switch algorithm {
        case "fixed-window":
            return InMemoryRateLimiter(try FixedWindow(limit: count, window: window), prefix: prefix, clock: clock)
        case "sliding-window":
            return InMemoryRateLimiter(try SlidingWindow(limit: count, window: window), prefix: prefix, clock: clock)
        case "sliding-log":
            return InMemoryRateLimiter(try SlidingLog(limit: count, window: window), prefix: prefix, clock: clock)
        case "token-bucket":
            return InMemoryRateLimiter(
                try TokenBucket(refillRate: count, interval: window, maxTokens: count), prefix: prefix, clock: clock)
        case "continuous-bucket":
            return InMemoryRateLimiter(
                try ContinuousTokenBucket(capacity: count, refill: count, interval: window), prefix: prefix,
                clock: clock)
        default:
            return InMemoryRateLimiter(
                try GCRA(capacity: count, refill: count, interval: window), prefix: prefix, clock: clock)
        }
    }
}

extension LimiterSpec {
    /// Upstash's `Ratelimit.fixedWindow(limit, window)`: `limit` requests per window, counted per window.
    public static func fixedWindow(_ limit: Int, _ window: String) throws -> LimiterSpec {
        try LimiterSpec(algorithm: "fixed-window", rate: LimitRate(count: limit, per: LimitDuration(parsing: window)))
    }

    /// Upstash's `Ratelimit.slidingWindow(limit, window)`: `limit` requests per rolling window.
    public static func slidingWindow(_ limit: Int, _ window: String) throws -> LimiterSpec {
        try LimiterSpec(algorithm: "sliding-window", rate: LimitRate(count: limit, per: LimitDuration(parsing: window)))
    }

    /// Upstash's `Ratelimit.tokenBucket(tokens, interval, tokens)`: a bucket of `tokens` that gets
    /// `tokens` back every `interval`.
    public static func tokenBucket(_ tokens: Int, _ interval: String) throws -> LimiterSpec {
        let rate = try LimitRate(count: tokens, per: LimitDuration(parsing: interval))
        return try LimiterSpec(algorithm: "token-bucket", rate: rate)
    }
}
