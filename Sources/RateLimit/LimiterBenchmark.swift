#if canImport(Glibc)
import Clocks
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
            var next = 0
            for _ in 0..<decisions {
                counts[names[next], default: 0] += 1
                admitted &+= 1
                next += 1
                if next == identifiers { next = 0 }
            }
            return admitted
        }
        lines.append(line("reference: one dictionary update, no lock, no clock", identifiers, decisions, reference))
        let window = try LimitDuration(milliseconds: 10_000)
        let contenders: [(String, (Int64) -> Int)] = [
            (
                "fixed-window, coarse clock",
                run(try FixedWindow(limit: 100, window: window), names, decisions, clock: CoarseSystemClock())
            ),
            ("fixed-window, system clock", run(try FixedWindow(limit: 100, window: window), names, decisions)),
            ("sliding-window, system clock", run(try SlidingWindow(limit: 100, window: window), names, decisions)),
            (
                "token-bucket, system clock",
                run(try TokenBucket(refillRate: 100, interval: window, maxTokens: 100), names, decisions)
            ),
            ("sliding-log, system clock", run(try SlidingLog(limit: 100, window: window), names, decisions)),
            (
                "continuous-bucket, system clock",
                run(try ContinuousTokenBucket(capacity: 100, refill: 100, interval: window), names, decisions)
            ),
            ("gcra, system clock", run(try GCRA(capacity: 100, refill: 100, interval: window), names, decisions)),
        ]
        let frozen = ManualClock(milliseconds: 1_700_000_000_000)
        let frozenLimiter = InMemoryRateLimiter(try FixedWindow(limit: 100, window: window), clock: frozen)
        let clockless = measure(decisions) {
            var admitted = 0
            var next = 0
            for _ in 0..<decisions {
                if frozenLimiter.decide(names[next], cost: 1).success { admitted &+= 1 }
                next += 1
                if next == identifiers { next = 0 }
            }
            return admitted
        }
        lines.append(
            line("in-memory fixed-window, manual clock (the clock's share)", identifiers, decisions, clockless))
        let clockCost = measure(decisions) {
            var total = 0
            let clock: any WallClock = SystemClock()
            for _ in 0..<decisions { total &+= Int(truncatingIfNeeded: clock.nowMilliseconds()) }
            return total
        }
        lines.append(line("system clock reads alone", identifiers, decisions, clockCost))
        for (name, body) in contenders {
            let seconds = measure(decisions) { body(0) }
            lines.append(
                line("in-memory \(name)", identifiers, decisions, seconds)
                    + " (\(fixed(seconds / reference, 2))× the reference's time)")
        }
        return lines
    }

    private static func run<A: RateLimitAlgorithm>(
        _ algorithm: A, _ names: [String], _ decisions: Int, clock: any WallClock = SystemClock()
    ) -> (Int64) -> Int {
        { _ in
            let limiter = InMemoryRateLimiter(algorithm, clock: clock)
            var admitted = 0
            var next = 0
            for _ in 0..<decisions {
                if limiter.decide(names[next], cost: 1).success { admitted &+= 1 }
                next += 1
                if next == names.count { next = 0 }
            }
            return admitted
        }
    }

    /// Seconds of this thread's CPU time spent in `body`: on a shared machine this is the
    /// time one core actually worked, unlike wall time, which includes time descheduled.
    private static func measure(_ decisions: Int, _ body: () -> Int) -> Double {
        var start = timespec()
        var end = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &start)
        let sink = body()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &end)
        if sink == Int.min { print(sink) }
        return Double(end.tv_sec - start.tv_sec) + Double(end.tv_nsec - start.tv_nsec) / 1e9
    }

    private static func line(_ label: String, _ identifiers: Int, _ decisions: Int, _ seconds: Double) -> String {
        let rate = Double(decisions) / seconds / 1e6
        return
            """
                \(label): \(decisions) decisions over \(identifiers) identifiers in \(fixed(seconds, 3)) CPU s = \
                \(fixed(rate, 2)) M/s
                """
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
