import Clocks
import Gateway
import Labs
import REPL
import RateLimit

/// `limit simulate …` (the flags of `archlab limit simulate`) and `burst N` against the current
/// lesson's limiter.
enum LimitLabCommands {
    static let simulateUsage =
        """
            limit simulate --traffic \"burst 20 at 0s; steady 2/s for 30s\" [--algorithm A|all] [--limit N] [--window \
            D] [--capacity N] [--refill N] [--interval D] [--seed N] [--format text|json]
            """
    static let simulateFlags: Set<String> = [
        "algorithm", "traffic", "seed", "format", "limit", "window", "capacity", "refill", "interval",
    ]

    static func limit(_ context: LabContext) -> ReplCommand {
        ReplCommand(
            name: "limit",
            usage: "limit simulate --traffic T [options]",
            summary: "Simulate rate-limiting algorithms on traffic you describe",
            help: """
                `\(simulateUsage)`

                The same flags as `archlab limit simulate`. TRAFFIC is parts separated by `;`: `burst N at T`, \
                `steady R/s for D [from T]`, `random N over D [from T]`. The clock starts at t = 0, so fixed windows \
                start at 0, 10 s, 20 s…

                - `limit simulate --algorithm all --limit 5 --window 10s --traffic "burst 10 at 9.9s; burst 10 at \
                10.1s"`
                - `limit simulate --algorithm token-bucket --capacity 10 --refill 5 --interval 10s --traffic "burst \
                20 at 0s"`

                Algorithms: \(SimulatedAlgorithm.allCases.map(\.rawValue).joined(separator: ", ")), or `all`.
                """,
            completer: { _, previous in
                if previous.isEmpty { return ["simulate"] }
                if previous.last == "--algorithm" { return SimulatedAlgorithm.allCases.map(\.rawValue) + ["all"] }
                if previous.last == "--format" { return ["text", "json"] }
                return simulateFlags.sorted().map { "--\($0)" }
            },
            handler: { session, arguments in
                let words = try QuotedArguments.split(arguments.rest, inWordQuotes: true)
                guard words.first == "simulate" else { throw ReplLabError.usage(simulateUsage) }
                session.say(try simulate(Array(words.dropFirst())).trimmingTrailingNewlines())
                return .succeeded
            })
    }

    /// Runs `limit simulate` with these flags and returns its text (or JSON) rendering.
    static func simulate(_ words: [String]) throws -> String {
        let flags = try FlagParser(words, known: simulateFlags, usage: simulateUsage)
        guard flags.positionals.isEmpty else {
            throw ReplLabError.invalid(
                "Unexpected `\(flags.positionals[0])`: quote the traffic, e.g. --traffic \"burst 10 at 0s\".")
        }
        guard let traffic = flags["traffic"] else { throw ReplLabError.usage(simulateUsage) }
        let algorithms: [SimulatedAlgorithm]
        switch flags["algorithm"] ?? "all" {
        case "all": algorithms = SimulatedAlgorithm.allCases
        case let name:
            guard let one = SimulatedAlgorithm(rawValue: name) else {
                throw ReplLabError.invalid(
                    """
                        --algorithm: `\(name)` is not one of \
                        \(SimulatedAlgorithm.allCases.map(\.rawValue).joined(separator: ", ")), all.
                        """
                )
            }
            algorithms = [one]
        }
        let format = flags["format"] ?? "text"
        guard format == "text" || format == "json" else {
            throw ReplLabError.invalid("--format: `\(format)` is not text or json.")
        }
        let options: SimulationOptions
        do {
            options = SimulationOptions(
                algorithms: algorithms,
                traffic: try labelled("--traffic") { try TrafficSpec(parsing: traffic) },
                seed: UInt64(try flags.int("seed", in: 0...Int.max) ?? 1),
                limit: try flags.int("limit", in: 1...1_000_000) ?? 10,
                window: try labelled("--window") { try LimitDuration(parsing: flags["window"] ?? "10 s") },
                capacity: try flags.int("capacity", in: 1...1_000_000),
                refill: try flags.int("refill", in: 1...1_000_000),
                interval: try labelled("--interval") { try flags["interval"].map { try LimitDuration(parsing: $0) } })
        }
        let report: SimulationReport
        do {
            report = try LimitSimulation.run(options)
        } catch {
            throw ReplLabError.invalid("\(error)")
        }
        return format == "json" ? report.json() : SimulationText.render(report)
    }

    private static func labelled<T>(_ flag: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch {
            throw ReplLabError.invalid("\(flag): \(error)")
        }
    }

    static let burstUsage = "burst N [--key KEY] [--algorithm A] [--limit \"5 per 10 s\"] [--every DURATION]"

    static func burst(_ context: LabContext) -> ReplCommand {
        ReplCommand(
            name: "burst",
            usage: "burst N [options]",
            summary: "Send N requests at once to this lesson's rate limiter and see which get 429",
            help: """
                `\(burstUsage)`

                Sends N requests for one API key to the current lesson's limiter (lessons 5–8: the algorithm and limit \
                of the lesson's scenario, e.g. lesson 7's sliding window, 5 per 10 s) and shows each one's status: \
                `200` with what remains, or `429 Too Many Requests` with its `Retry-After`. Requests arrive together \
                at \
                t = 0, or `--every 500ms` apart, on a simulated clock; each `burst` starts with a fresh limiter.
                """,
            completer: { _, previous in
                if previous.last == "--algorithm" { return LimiterSpec.algorithms }
                return previous.isEmpty ? [] : ["--key", "--algorithm", "--limit", "--every"]
            },
            handler: { session, arguments in try await burst(session, arguments) })
    }

    private static func burst(_ session: ReplSession, _ arguments: CommandArguments) async throws -> CommandResult {
        let words = try QuotedArguments.split(arguments.rest, inWordQuotes: true)
        let flags = try FlagParser(words, known: ["key", "algorithm", "limit", "every"], usage: burstUsage)
        guard flags.positionals.count == 1 else { throw ReplLabError.usage(burstUsage) }
        guard let count = Int(flags.positionals[0]), (1...1000).contains(count) else {
            throw ReplLabError.invalid("`\(flags.positionals[0])` is not a number of requests from 1 to 1000.")
        }
        let spec = try limiterSpec(session, flags)
        let every = try labelled("--every") {
            try flags["every"].map { try LimitDuration(parsing: $0).milliseconds } ?? 0
        }
        let key = flags["key"] ?? "learner"
        let clock = ManualClock(milliseconds: 0)
        let limiter = try labelled("limiter") { try spec.makeLimiter(clock: clock) }
        var results: [(at: Int64, result: RateLimitResult)] = []
        for index in 0..<count {
            let at = Int64(index) * every
            clock.set(milliseconds: at)
            results.append((at: at, result: try await limiter.limit(key, cost: 1)))
        }
        session.say("\(count) request\(count == 1 ? "" : "s") for key `\(key)` to \(spec.algorithm), \(spec.rate):")
        session.say(BurstReport.lines(results, painter: session.painter).joined(separator: "\n"))
        return .succeeded
    }

    /// The lesson's limiter, changed by `--algorithm` and `--limit`.
    private static func limiterSpec(_ session: ReplSession, _ flags: FlagParser) throws -> LimiterSpec {
        var algorithm = flags["algorithm"]
        var rate = flags["limit"]
        if algorithm == nil || rate == nil {
            let scenario = session.currentLesson?.scenario.flatMap { try? ScenarioCatalog.scenario($0) }
            let defaults = Dictionary(
                (scenario?.parameters ?? []).map { ($0.name, $0.defaultValue) }, uniquingKeysWith: { first, _ in first }
            )
            if let scenarioRate = defaults["limit"], scenarioRate != "none" {
                rate = rate ?? scenarioRate
                algorithm = algorithm ?? defaults["algorithm"] ?? scenario?.id
            }
        }
        guard let algorithm, let rate else {
            throw ReplLabError.invalid(
                """
                    This lesson has no rate limiter (lessons 5–8 do): open one, or pass --algorithm and --limit, e.g. \
                    `burst 10 --algorithm fixed-window --limit \"5 per 10 s\"`.
                    """
            )
        }
        let parsed = try labelled("--limit") { try LimitRate(parsing: rate) }
        do {
            return try LimiterSpec(algorithm: algorithm, rate: parsed)
        } catch {
            throw ReplLabError.invalid("--algorithm: \(error)")
        }
    }
}
