import CourseProgress
import Foundation
import Labs
import REPL
import Semantic

/// `run`, `run SCENARIO key=value …`, `run --list`: a step of server.swift on simulated traffic,
/// recorded in the progress store so labs unlock their Matrix nodes.
enum RunLabCommand {
    static let usage = "run [SCENARIO] [key=value …] | run --list"

    static func make(_ context: LabContext) -> ReplCommand {
        ReplCommand(
            name: "run",
            usage: "run [SCENARIO] [key=value …]",
            summary: "Run this lesson's scenario (or any scenario) on simulated traffic",
            help: """
                `\(usage)`

                Runs a step of server.swift on a simulated workload and prints its report: hits, misses, 429s, \
                cost against the no-cache baseline, and latency. Simulated time: thousands of requests take about a \
                second, \
                and the same parameters give the same report.

                - `run` runs the current lesson's scenario.
                - `run exact-cache ttl=60s` runs a scenario with parameters changed (quote values with spaces: \
                `limit="5 per 10 s"`).
                - `run semantic-cache model=lexical` picks the semantic cache's embedder for this run (`minilm` or \
                `lexical`; the default is MiniLM when installed). The lessons quote lexical numbers where they say so.
                - `run --list` lists every scenario and its parameters with their defaults.

                Every run is saved in your progress; running a lab that a Matrix node needs unlocks it. The report \
                ends with the lab's question: your answer is recorded (not graded) and `progress` shows it. Ctrl-C \
                stops a long run without recording it.
                """,
            completer: { session, previous in
                if previous.isEmpty { return ScenarioCatalog.ids + ["--list"] }
                guard let scenario = try? ScenarioCatalog.scenario(previous[0]) else { return [] }
                let given = Set(previous.dropFirst().compactMap { $0.split(separator: "=").first.map(String.init) })
                return scenario.parameters.filter { !given.contains($0.name) }.map { "\($0.name)=" }
            },
            handler: { session, arguments in try await run(session, context, arguments) })
    }

    private static func run(
        _ session: ReplSession, _ context: LabContext, _ arguments: CommandArguments
    ) async throws -> CommandResult {
        let words = try QuotedArguments.split(arguments.rest, inWordQuotes: true)
        if words.first == "--list" {
            guard words.count == 1 else { throw ReplLabError.usage(usage) }
            session.say(try ScenarioListing.render(format: ListingFormat.text).trimmingTrailingNewlines())
            return .succeeded
        }
        let scenario: Scenario
        var assignments = words
        if let first = words.first, !first.contains("=") {
            scenario = try lab { try ScenarioCatalog.scenario(first) }
            assignments.removeFirst()
        } else {
            guard let lesson = session.currentLesson else {
                throw ReplLabError.invalid(
                    "No lesson is open, so there is no current scenario: `open 1`, or name one (`run --list`).")
            }
            guard let id = lesson.scenario else {
                throw ReplLabError.invalid("Lesson \(lesson.number) has no scenario: name one (`run --list`).")
            }
            scenario = try lab { try ScenarioCatalog.scenario(id) }
        }
        var parameters = try lab { try ScenarioListing.parse(assignments) }
        let model = parameters.removeValue(forKey: "model")
        let values = try lab { try scenario.values(parameters) }
        let embedder = try embedder(model, context, semantic: try lab { try scenario.hasSemanticCache(parameters) })
        let runner =
            embedder.map { ScenarioRunner(seed: context.seed, embedder: $0) } ?? ScenarioRunner(seed: context.seed)
        let assigned = parameters
        let work: @Sendable () async throws -> ScenarioReport = { try await runner.run(scenario, parameters: assigned) }
        guard let report = try await lab({ try await interruptible(context.interrupted, work) }) else {
            session.say("Interrupted (Ctrl-C): the run stopped and was not recorded.")
            return .succeeded
        }
        session.say(ReportRenderer.text(report, scenario: scenario).trimmingTrailingNewlines())
        try session.recordLabRun(
            scenarioID: scenario.id,
            parametersJSON: try LabRunRecording.parametersJSON(values.values, model: embedder?.name),
            summaryJSON: try ScenarioListing.json(report))
        return .succeeded
    }

    /// The semantic cache's embedder (`model=` or the session's), loaded only when the run has a semantic
    /// cache; otherwise nil, and `model=` is only checked to be a known name.
    private static func embedder(_ model: String?, _ context: LabContext, semantic: Bool) throws -> (any Embedder)? {
        guard let model else { return semantic ? try context.embedderChoice().embedder : nil }
        // An unknown name throws before anything is loaded, so a misspelt model fails on every scenario.
        guard semantic || !EmbedderChoice.names.contains(model.lowercased()) else { return nil }
        do {
            return try EmbedderChoice(name: model, environment: context.environment).embedder
        } catch {
            throw ReplLabError.invalid("model=\(model): \(error)")
        }
    }

    /// Runs `work` while polling for Ctrl-C; nil when the learner pressed it (the work is cancelled).
    private static func interruptible<T: Sendable>(
        _ interrupted: @escaping @Sendable () -> Bool, _ work: @escaping @Sendable () async throws -> T
    ) async throws -> T? {
        try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await work() }
            group.addTask {
                while !Task.isCancelled {
                    if interrupted() { return nil }
                    try? await Task.sleep(nanoseconds: 50_000_000)
                }
                return nil
            }
            let first = try await group.next() ?? nil
            group.cancelAll()
            return first
        }
    }

    /// Lab errors carry their own learner-facing text; wrap them so the REPL shows it as is.
    private static func lab<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as LabError {
            throw ReplLabError.invalid("\(error)")
        }
    }

    private static func lab<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as LabError {
            throw ReplLabError.invalid("\(error)")
        }
    }

    private enum ListingFormat: String {
        case text
    }
}

extension String {
    func trimmingTrailingNewlines() -> String {
        var text = self
        while text.hasSuffix("\n") { text.removeLast() }
        return text
    }
}
