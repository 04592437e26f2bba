import ArgumentParser
import LabCommands
import RESP
import RateLimit
import RedisServer
import Terminal

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `archlab limit …`: watch rate-limiting algorithms decide traffic you describe.
struct LimitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "limit",
        abstract: "Rate limiting: simulate the algorithms on traffic you describe.",
        subcommands: [LimitSimulateCommand.self, LimitBenchCommand.self]
    )
}

extension SimulatedAlgorithm: ExpressibleByArgument {}

/// The `--algorithm` choice: one algorithm, or `all` side by side.
enum AlgorithmArgument: ExpressibleByArgument, Hashable {
    case one(SimulatedAlgorithm)
    case all

    init?(argument: String) {
        if argument == "all" {
            self = .all
        } else if let one = SimulatedAlgorithm(rawValue: argument) {
            self = .one(one)
        } else {
            return nil
        }
    }

    static var allValueStrings: [String] { SimulatedAlgorithm.allCases.map(\.rawValue) + ["all"] }

    var algorithms: [SimulatedAlgorithm] {
        switch self {
        case .one(let algorithm): return [algorithm]
        case .all: return SimulatedAlgorithm.allCases
        }
    }
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
}

struct LimitSimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Run traffic through one algorithm, or all of them side by side.",
        discussion: """
            TRAFFIC is parts separated by ';': "burst N at T", "steady R/s for D [from T]", \
            "random N over D [from T]"; times like 9.9s, 500ms, 2m. The clock starts at t = 0, \
            so fixed windows start at 0, 10 s, 20 s…
            Example: archlab limit simulate --algorithm all --traffic "burst 20 at 0s; steady 2/s for 30s; burst 10 \
            at 9.9s"
            """
    )

    @Option(help: "fixed-window, sliding-window, sliding-log, token-bucket, continuous-bucket, gcra or all.")
    var algorithm: AlgorithmArgument = .all

    @Option(help: "The traffic to simulate, e.g. \"burst 20 at 0s; steady 2/s for 30s\".")
    var traffic: String

    @Option(help: "Seed for random arrivals.")
    var seed: UInt64 = 1

    @Option(help: "Output: text (a timeline chart) or json.")
    var format: OutputFormat = .text

    @Option(help: "Window algorithms: requests per window.")
    var limit: Int = 10

    @Option(help: "Window algorithms: window length (\"10 s\", \"500ms\", \"1m\").")
    var window: String = "10 s"

    @Option(
        help: "Window algorithms: limit and window as one rate, e.g. \"5 per 10 s\" (overrides --limit and --window).")
    var rate: String?

    @Option(help: "Bucket algorithms and GCRA: bucket size (default: --limit).")
    var capacity: Int?

    @Option(help: "Bucket algorithms and GCRA: tokens added per interval (default: --limit).")
    var refill: Int?

    @Option(help: "Bucket algorithms and GCRA: refill interval (default: --window).")
    var interval: String?

    func run() async throws {
        let report: SimulationReport
        do {
            let parsedRate = try flag("--rate") { try rate.map { try LimitRate(parsing: $0) } }
            let options = SimulationOptions(
                algorithms: algorithm.algorithms,
                traffic: try TrafficSpec(parsing: traffic),
                seed: seed,
                limit: parsedRate?.count ?? limit,
                window: try parsedRate?.per ?? flag("--window") { try LimitDuration(parsing: window) },
                capacity: capacity,
                refill: refill,
                interval: try flag("--interval") { try interval.map { try LimitDuration(parsing: $0) } }
            )
            report = try LimitSimulation.run(options)
        } catch let error as TrafficSpecError {
            printToStandardError("error: --traffic: \(error)")
            throw ExitCode(2)
        } catch {
            printToStandardError("error: \(error)")
            throw ExitCode(2)
        }
        switch format {
        case .text: print(SimulationText.render(report), terminator: "")
        case .json: print(report.json(), terminator: "")
        }
    }
}

/// Runs `body`, prefixing any error with the flag it came from.
private func flag<T>(_ name: String, _ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch {
        throw FlagError(description: "\(name): \(error)")
    }
}

private struct FlagError: Error, CustomStringConvertible {
    let description: String
}

private func printToStandardError(_ message: String) {
    var text = message
    if !text.hasSuffix("\n") { text += "\n" }
    let bytes = Array(text.utf8)
    var written = 0
    while written < bytes.count {
        let result = bytes[written...].withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
        if result <= 0 { break }
        written += result
    }
}

/// `archlab limit bench` (hidden): decisions per second of the limiters, for the
/// benchmark script under Benchmarks/. Not a learner-facing command.
struct LimitBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure limiter decisions per second (release builds only make sense).",
        shouldDisplay: false
    )

    @Option(help: "Distinct identifiers to spread decisions over.")
    var identifiers: Int = 10_000

    @Option(help: "Decisions per in-memory measurement.")
    var decisions: Int = 20_000_000

    @Option(help: "Also measure the RESP-backed limiter against this server (redis://host:port), repeatable.")
    var redisURL: [String] = []

    @Option(help: "Decisions per RESP-backed measurement.")
    var respDecisions: Int = 20_000

    @Option(help: "Concurrent callers (one connection each) for the RESP-backed measurement.")
    var concurrency: Int = 8

    @Flag(help: "Skip the in-memory measurement.")
    var skipInMemory = false

    @Flag(help: "Run the RESP callers on Swift's global executor, not on their connections' event loop.")
    var globalExecutor = false

    func run() async throws {
        for url in redisURL {
            let loop = RESPEventLoopExecutor()
            let onLoop = !globalExecutor
            let lines = try await LimiterBenchmark.resp(
                label: url, identifiers: max(1, identifiers), decisions: max(1, respDecisions),
                concurrency: concurrency, executor: onLoop ? loop : nil
            ) { onLoop ? try await loop.connect(to: url) : try await RESPClient.connect(to: url) }
            for line in lines { print(line) }
        }
        if skipInMemory { return }
        for line in try LimiterBenchmark.inMemory(identifiers: max(1, identifiers), decisions: max(1, decisions)) {
            print(line)
        }
    }
}
