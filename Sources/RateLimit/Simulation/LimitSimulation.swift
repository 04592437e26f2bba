import Clocks

/// Runs simulated traffic through each chosen algorithm on its own in-memory limiter,
/// with a simulated clock starting at t = 0 (an epoch-aligned instant, so fixed windows
/// start at 0, 10 s, 20 s…). Requests at the same instant are decided in order.
public enum LimitSimulation {
    /// The decisions of every chosen algorithm on `options.traffic`.
    public static func run(_ options: SimulationOptions) throws -> SimulationReport {
        let times = options.traffic.requestTimes(seed: options.seed)
        var runs: [SimulationReport.Run] = []
        for choice in options.algorithms {
            let (decide, summary, span) = try limiter(choice, options)
            var decisions: [SimulationReport.Decision] = []
            decisions.reserveCapacity(times.count)
            for t in times {
                let result = decide(t)
                decisions.append(
                    .init(
                        tMilliseconds: t, allowed: result.success, remaining: result.remaining,
                        resetMilliseconds: result.reset))
            }
            runs.append(
                .init(
                    algorithm: choice, summary: summary,
                    limit: choice.isWindowed ? options.limit : options.effectiveCapacity,
                    spanMilliseconds: span, decisions: decisions))
        }
        return SimulationReport(
            traffic: options.traffic.text, trafficParts: options.traffic.partDescriptions,
            windowMilliseconds: options.window.milliseconds, runs: runs)
    }

    private typealias Decide = (Int64) -> RateLimitResult

    private static func limiter(
        _ choice: SimulatedAlgorithm, _ options: SimulationOptions
    ) throws -> (Decide, String, Int64) {
        let window = options.window
        let capacity = options.effectiveCapacity
        let refill = options.effectiveRefill
        let interval = options.effectiveInterval
        let buckets = "capacity \(capacity), refill \(refill) per \(interval)"
        switch choice {
        case .fixedWindow:
            return (
                decider(try FixedWindow(limit: options.limit, window: window)),
                """
                    \(options.limit) per \(window), windows start at 0, \(window), \
                    \(LimitDuration.format(2 * window.milliseconds))…
                    """,
                window.milliseconds
            )
        case .slidingWindow:
            return (
                decider(try SlidingWindow(limit: options.limit, window: window)),
                "\(options.limit) per rolling \(window), previous window weighted", window.milliseconds
            )
        case .slidingLog:
            return (
                decider(try SlidingLog(limit: options.limit, window: window)),
                "\(options.limit) in any \(window), exact log", window.milliseconds
            )
        case .tokenBucket:
            return (
                decider(try TokenBucket(refillRate: refill, interval: interval, maxTokens: capacity)),
                "\(buckets), in whole steps", interval.milliseconds
            )
        case .continuousBucket:
            return (
                decider(try ContinuousTokenBucket(capacity: capacity, refill: refill, interval: interval)),
                "\(buckets), continuously", interval.milliseconds
            )
        case .gcra:
            return (
                decider(try GCRA(capacity: capacity, refill: refill, interval: interval)),
                "burst \(capacity), \(refill) per \(interval) sustained", interval.milliseconds
            )
        }
    }

    private static func decider<A: RateLimitAlgorithm>(_ algorithm: A) -> Decide {
        let limiter = InMemoryRateLimiter(algorithm, prefix: "simulation", clock: ManualClock())
        return { limiter.decide("learner", cost: 1, now: $0) }
    }
}

extension LimitDuration {
    /// `milliseconds` in the course's spelling (`10 s`, `500ms`, `2m`), or `?` if not positive.
    static func format(_ milliseconds: Int64) -> String {
        (try? LimitDuration(milliseconds: milliseconds)).map { "\($0)" } ?? "?"
    }
}
