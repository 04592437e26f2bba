#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Decisions per second of the in-memory limiter, measured inside this module so the
/// generic limiter is specialised as in an application. Used by `archlab limit bench`.
public enum LimiterBenchmark {
    /// Runs `decisions` decisions round-robin over `identifiers` identifiers for every
    /// algorithm, plus a reference (a bare dictionary counter, no lock, no clock), and
    /// returns one line per measurement.
    public static func inMemory(identifiers: Int, decisions: Int) throws -> [String] {
        let names = (0..<identifiers).map { "user-\($0)" }
        var lines: [String] = []
        let reference = measure(decisions) {
            var counts: [String: Int] = [:]
            var admitted = 0
            for index in 0..<decisions {
                let name = names[index % identifiers]
                counts[name, default: 0] += 1
                admitted &+= counts[name, default: 0] & 1
            }
            return admitted
        }
        lines.append(line("reference: dictionary counter, no lock", identifiers, decisions, reference))
        let window = try LimitDuration(milliseconds: 10_000)
        let contenders: [(String, (Int64) -> Int)] = [
            ("fixed-window", run(try FixedWindow(limit: 100, window: window), names, decisions)),
            ("sliding-window", run(try SlidingWindow(limit: 100, window: window), names, decisions)),
            ("token-bucket", run(try TokenBucket(refillRate: 100, interval: window, maxTokens: 100), names, decisions)),
            ("sliding-log", run(try SlidingLog(limit: 100, window: window), names, decisions)),
            ("continuous-bucket", run(try ContinuousTokenBucket(capacity: 100, refill: 100, interval: window), names, decisions)),
            ("gcra", run(try GCRA(capacity: 100, refill: 100, interval: window), names, decisions)),
        ]
        for (name, body) in contenders {
            let seconds = measure(decisions) { body(0) }
            lines.append(line("in-memory \(name), system clock", identifiers, decisions, seconds) + " (\(fixed(seconds / reference, 2))× the reference's time)")
        }
        return lines
    }

    private static func run<A: RateLimitAlgorithm>(_ algorithm: A, _ names: [String], _ decisions: Int) -> (Int64) -> Int {
        { _ in
            let limiter = InMemoryRateLimiter(algorithm, clock: SystemClock())
            var admitted = 0
            let count = names.count
            for index in 0..<decisions where limiter.decide(names[index % count], cost: 1).success {
                admitted &+= 1
            }
            return admitted
        }
    }

    private static func measure(_ decisions: Int, _ body: () -> Int) -> Double {
        var start = timespec()
        var end = timespec()
        clock_gettime(CLOCK_MONOTONIC, &start)
        let sink = body()
        clock_gettime(CLOCK_MONOTONIC, &end)
        if sink == Int.min { print(sink) }
        return Double(end.tv_sec - start.tv_sec) + Double(end.tv_nsec - start.tv_nsec) / 1e9
    }

    private static func line(_ label: String, _ identifiers: Int, _ decisions: Int, _ seconds: Double) -> String {
        let rate = Double(decisions) / seconds / 1e6
        return "\(label): \(decisions) decisions over \(identifiers) identifiers in \(fixed(seconds, 3)) s = \(fixed(rate, 2)) M/s"
    }

    static func fixed(_ value: Double, _ digits: Int) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = Int64((value * scale).rounded())
        let whole = scaled / Int64(scale)
        var fraction = String(scaled % Int64(scale))
        fraction = String(repeating: "0", count: max(0, digits - fraction.count)) + fraction
        return digits == 0 ? "\(whole)" : "\(whole).\(fraction)"
    }
}
