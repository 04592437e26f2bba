import ArgumentParser
import CourseProgress
import Foundation
import LabCommands
import Labs
import RESP
import RateLimit
import RedisServer
import Semantic

/// `archlab run SCENARIO`: one step of server.swift on a simulated workload, with its report.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a lesson's scenario on simulated traffic and report hits, 429s, cost and latency.",
        discussion: """
            Scenarios run on simulated time: thousands of requests finish in about a second. The same seed gives \
            the same report, byte for byte. The run is recorded for the learner named by --learner (who must \
            exist), else for the login-name learner when the progress database already has them, so it unlocks \
            the Matrix nodes its lab gates, as `run` in the REPL does; --no-record leaves progress alone.
            """
    )

    @Argument(help: "Scenario id (see --list).")
    var scenario: String?

    @Flag(help: "List the scenarios and their parameters.")
    var list = false

    @Option(
        name: .customLong("set"),
        help: ArgumentHelp("Change a parameter, e.g. --set ttl=60s (repeatable).", valueName: "key=value"))
    var assignments: [String] = []

    @Option(help: "Seed of the workload and the simulated LLM.")
    var seed: UInt64 = 42

    @Option(
        name: .customLong("redis-url"),
        help: """
            Keep the exact cache, the rate limiter and (with vector search) the semantic cache on this RESP server \
            (redis://host:port), in the run's own namespace, instead of in process.
            """)
    var redisURL: String?

    @Option(help: "Embedder of the semantic cache: minilm or lexical (default: minilm when installed, else lexical).")
    var model: String?

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    @Option(help: "Record the run for this learner (default: the login name, when that learner exists).")
    var learner: String?

    @Flag(name: .customLong("no-record"), help: "Do not record the run in the progress database.")
    var noRecord = false

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var courseOptions: CourseOptions

    enum OutputFormat: String, ExpressibleByArgument {
        case text, json
    }

    func run() async throws {
        if list {
            print(try ScenarioListing.render(format: format), terminator: "")
            return
        }
        guard let id = scenario else {
            throw ValidationError("name a scenario to run, or pass --list to see them")
        }
        let recorder = try LabRunRecorder.prepare(
            learner: learner, database: database.db, course: courseOptions.course, disabled: noRecord)
        do {
            let scenario = try ScenarioCatalog.scenario(id)
            let parameters = try ScenarioListing.parse(assignments)
            let choice = try embedderChoice(semantic: try scenario.hasSemanticCache(parameters))
            var client: RESPClient?
            var pool: RESPConnectionPool?
            if let redisURL {
                client = try await RESPClient.connect(to: redisURL)
                pool = RESPConnectionPool(maximumConnections: 8) { try await RESPClient.connect(to: redisURL) }
            }
            var runner =
                choice.map { ScenarioRunner(seed: seed, embedder: $0.embedder, redis: client) }
                ?? ScenarioRunner(seed: seed, redis: client)
            runner.connections = pool
            runner.onWarning = { StandardError.print("warning: \($0)") }
            let report = try await runner.run(scenario, parameters: parameters)
            try? await client?.close()
            switch format {
            case .json: print(try ScenarioListing.json(report))
            case .text:
                print(ReportRenderer.text(report, scenario: scenario), terminator: "")
                // The lab's closing question; only the REPL's `run` reads and records an answer.
                if let question = LabRunRecorder.labQuestion(
                    scenario.id, recorder: recorder, course: courseOptions.course)
                {
                    print("\nQuestion: \(question)")
                    print("(Think it over; `run \(scenario.id)` in the REPL records an answer.)")
                }
            }
            if let recorder {
                let lines = try recorder.record(
                    scenarioID: scenario.id,
                    parametersJSON: try LabRunRecording.parametersJSON(
                        try scenario.values(parameters).values, model: choice?.embedder.name),
                    summaryJSON: try ScenarioListing.json(report))
                for line in lines {
                    if format == .text { print(line) } else { StandardError.print(line) }
                }
            }
        } catch let error as ExitCode {
            throw error
        } catch let error as LabError {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(2)
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }

    /// The semantic cache's embedder, loaded only when the run has a semantic cache; otherwise nil, and
    /// `--model` is only checked to be a known name (a missing MiniLM does not matter to such a run).
    private func embedderChoice(semantic: Bool) throws -> EmbedderChoice? {
        if semantic { return try SemanticCLI.embedder(model) }
        if let model, !EmbedderChoice.names.contains(model.lowercased()) {
            _ = try SemanticCLI.embedder(model)
        }
        return nil
    }
}
