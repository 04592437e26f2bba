import ArgumentParser
import Foundation
import Labs
import RESP
import RedisServer

/// `archlab run SCENARIO`: one step of server.swift on a simulated workload, with its report.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a lesson's scenario on simulated traffic and report hits, 429s, cost and latency.",
        discussion: "Scenarios run on simulated time: thousands of requests finish in about a second. The same seed gives the same report, byte for byte."
    )

    @Argument(help: "Scenario id (see --list).")
    var scenario: String?

    @Flag(help: "List the scenarios and their parameters.")
    var list = false

    @Option(name: .customLong("set"), help: ArgumentHelp("Change a parameter, e.g. --set ttl=60s (repeatable).", valueName: "key=value"))
    var assignments: [String] = []

    @Option(help: "Seed of the workload and the simulated LLM.")
    var seed: UInt64 = 42

    @Option(name: .customLong("redis-url"), help: "Keep the exact cache on this RESP server (redis://host:port) instead of an in-process keyspace.")
    var redisURL: String?

    @Option(help: "Embedder of the semantic cache: minilm or lexical (default: minilm when installed, else lexical).")
    var model: String?

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

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
        do {
            let scenario = try ScenarioCatalog.scenario(id)
            let parameters = try ScenarioListing.parse(assignments)
            let choice = try SemanticCLI.embedder(model)
            var client: RESPClient?
            if let redisURL {
                client = try await RESPClient.connect(to: redisURL)
            }
            let runner = ScenarioRunner(seed: seed, embedder: choice.embedder, redis: client)
            let report = try await runner.run(scenario, parameters: parameters)
            try? await client?.close()
            switch format {
            case .json: print(try ScenarioListing.json(report))
            case .text: print(ReportRenderer.text(report, scenario: scenario), terminator: "")
            }
        } catch let error as LabError {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(2)
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}
