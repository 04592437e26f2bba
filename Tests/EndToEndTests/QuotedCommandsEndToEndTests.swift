import Foundation
import TestSupport
import XCTest

/// Every `archlab …` line the course quotes (lessons, FAQ, glossary; code blocks and inline code) runs as written,
/// from an empty directory with an empty progress database, and exits 0; the similarity and `limit simulate`
/// figures the text quotes are what a fresh run prints. A failure names the file and line of the quote.
///
/// Not run: lines with placeholders (`<like-this>`, ALL-CAPS words such as `SCENARIO`, `…`), the long-running
/// `serve`, `redis-server` and `watch`, `check` (it judges a learner's own code), `model fetch` (the network).
/// Lines that need MiniLM (`--model minilm`) run when it is installed, and are a failure without it under
/// `ARCHLAB_REQUIRE_ALL=1`. REPL commands (lines not starting with `archlab`) are not covered here.
final class QuotedCommandsEndToEndTests: ScratchDirectoryTestCase {
    override class var scratchPrefix: String { "quoted-commands" }

    private var quotes: CourseQuotes {
        get throws { try CourseQuotes(courseRoot: ArchLabRunner.packageRoot) }
    }

    private static var requireAll: Bool { ProcessInfo.processInfo.environment["ARCHLAB_REQUIRE_ALL"] == "1" }

    /// Runs each of `jobs` (arguments after `archlab`) in a directory of its own, a few at a time.
    private func runAll(_ jobs: [[String]]) throws -> [ArchLabRunner.Output] {
        let binary = try ArchLabRunner.binary
        let model = InstalledModel.location.directory
        let root = scratch
        let results = Results(count: jobs.count)
        let width = max(2, min(6, ProcessInfo.processInfo.activeProcessorCount))
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = width
        for (index, arguments) in jobs.enumerated() {
            queue.addOperation {
                let directory = root.appendingPathComponent("run-\(index)")
                let environment = [
                    "ARCHLAB_DB": directory.appendingPathComponent("progress.sqlite").path,
                    "ARCHLAB_COURSE": ArchLabRunner.packageRoot.path, "ARCHLAB_MODEL_DIR": model,
                    "HOME": directory.path, "XDG_STATE_HOME": directory.path, "XDG_DATA_HOME": directory.path,
                    "XDG_CONFIG_HOME": directory.path, "USER": "quoted-commands", "LOGNAME": "quoted-commands",
                    "NO_COLOR": "1",
                ]
                do {
                    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                    let process = Process()
                    process.executableURL = binary
                    process.arguments = arguments
                    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
                    process.currentDirectoryURL = directory
                    results.set(index, try ProcessCapture.run(process, timeout: 900))
                } catch {
                    results.set(index, ProcessOutput(status: -1, stdout: "", stderr: "could not run: \(error)"))
                }
            }
        }
        queue.waitUntilAllOperationsAreFinished()
        return results.all
    }

    /// Prints why something was not checked; under `ARCHLAB_REQUIRE_ALL=1` a missing model is a failure.
    private func notChecked(_ what: String, needsModel: Bool) {
        if needsModel && Self.requireAll {
            XCTFail("required but unavailable (ARCHLAB_REQUIRE_ALL=1): MiniLM for \(what)")
        } else {
            print("not checked: \(what)")
        }
    }

    func testEveryQuotedCommandRunsFromAnEmptyDirectory() throws {
        let quotes = try quotes
        var locations: [[String]: [String]] = [:]
        var order: [[String]] = []
        var shown: [[String]: [(String, String)]] = [:]
        var skipped: [String: Int] = [:]
        let modelPresent = InstalledModel.location.isPresent
        for command in quotes.commands {
            switch QuotedCommandLine(text: command.text).plan {
            case .placeholder:
                skipped["placeholders", default: 0] += 1
            case .exempt(let reason):
                skipped[reason, default: 0] += 1
            case .unsupported(let problem):
                XCTFail("\(command.location): `archlab \(command.text)` uses \(problem), which this test cannot run")
            case .run(let arguments):
                if !modelPresent, arguments.joined(separator: " ").lowercased().contains("minilm") {
                    notChecked("\(command.location): `archlab \(command.text)` needs MiniLM", needsModel: true)
                    continue
                }
                if locations[arguments] == nil { order.append(arguments) }
                locations[arguments, default: []].append(command.location)
                shown[arguments, default: []] += command.shownOutput.map { (command.location, $0) }
            }
        }
        XCTAssertGreaterThanOrEqual(order.count, 30, "the course quotes dozens of commands; the extractor found few")
        let outputs = try runAll(order)
        for (arguments, output) in zip(order, outputs) {
            let places = (locations[arguments] ?? []).joined(separator: ", ")
            let line = "archlab " + arguments.map { $0.contains(" ") ? "\"\($0)\"" : $0 }.joined(separator: " ")
            XCTAssertEqual(
                output.status, 0,
                "\(places): `\(line)` exited \(output.status)\(output.timedOut ? " (timed out)" : ""):\n"
                    + output.stderr.suffix(2000))
            for (place, expected) in shown[arguments] ?? [] where !output.stdout.contains(expected) {
                XCTFail("\(place): `\(line)` is shown printing \"\(expected)\", which a fresh run does not print")
            }
        }
        print(
            "ran \(order.count) quoted commands; not run: "
                + skipped.sorted { $0.key < $1.key }.map { "\($0.value) (\($0.key))" }.joined(separator: ", "))
    }

    func testQuotedSimilarityFiguresMatchAFreshRun() throws {
        let figures = try quotes.figures
        XCTAssertGreaterThanOrEqual(figures.count, 6, "the FAQ and glossary alone quote six; the extractor found few")
        let modelPresent = InstalledModel.location.isPresent
        var checked: [CourseQuotes.SimilarityFigure] = []
        for figure in figures {
            guard let model = figure.model else {
                XCTFail("\(figure.location): the text around \(figure.figure) names neither MiniLM nor lexical")
                continue
            }
            if model == "minilm" && !modelPresent {
                notChecked("\(figure.location): \(figure.figure) (MiniLM)", needsModel: true)
                continue
            }
            checked.append(figure)
        }
        let outputs = try runAll(checked.map { ["similarity", $0.first, $0.second, "--model", $0.model ?? ""] })
        for (figure, output) in zip(checked, outputs) {
            XCTAssertEqual(output.status, 0, "\(figure.location): \(output.stderr)")
            let printed = output.stdout.split(separator: " ").first.flatMap { Double($0) }
            let rounded = printed.map { String(format: "%.3f", $0) }
            XCTAssertEqual(
                rounded, figure.figure,
                "\(figure.location): \"\(figure.first)\" against \"\(figure.second)\" (\(figure.model ?? "")) is "
                    + "quoted as \(figure.figure); `archlab similarity` prints \(output.stdout)")
        }
        print("checked \(checked.count) similarity figures: " + checked.map(\.location).joined(separator: ", "))
    }

    func testQuotedLimitSimulationFiguresMatchAFreshRun() throws {
        let quotes = try quotes
        let simulations = Set(
            quotes.commands.compactMap { command -> [String]? in
                guard case .run(let arguments) = QuotedCommandLine(text: command.text).plan,
                    arguments.starts(with: ["limit", "simulate"])
                else { return nil }
                return arguments.filter { $0 != "--format" && $0 != "json" }
            })
        let claims = LimitSimulationClaims.all
        for simulation in simulations where !claims.contains(where: { $0.arguments == simulation }) {
            XCTFail("`archlab \(simulation.joined(separator: " "))` is quoted but no claim checks its figures")
        }
        let root = ArchLabRunner.packageRoot
        for claim in claims {
            let text = try String(contentsOf: root.appendingPathComponent(claim.file), encoding: .utf8)
            let prose = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            XCTAssertTrue(
                prose.contains(claim.prose), "\(claim.file) no longer says \"\(claim.prose)\": update the claim")
            XCTAssertTrue(
                simulations.contains(claim.arguments),
                "\(claim.file): `archlab \(claim.arguments.joined(separator: " "))` is no longer quoted")
        }
        let runs = Array(Set(claims.map(\.arguments)))
        let outputs = try runAll(runs.map { $0 + ["--format", "json"] })
        for (arguments, output) in zip(runs, outputs) {
            XCTAssertEqual(output.status, 0, output.stderr)
            let simulation = try SimulationResult(json: output.stdout)
            for claim in claims where claim.arguments == arguments {
                if let problem = claim.check(simulation) {
                    XCTFail("\(claim.file): \"\(claim.prose)\": \(problem)")
                }
            }
        }
    }
}

/// Outputs filled in by concurrent runs.
private final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var outputs: [ProcessOutput]

    init(count: Int) {
        outputs = Array(repeating: ProcessOutput(status: -1, stdout: "", stderr: "not run"), count: count)
    }

    func set(_ index: Int, _ output: ProcessOutput) {
        lock.lock()
        outputs[index] = output
        lock.unlock()
    }

    var all: [ProcessOutput] {
        lock.lock()
        defer { lock.unlock() }
        return outputs
    }
}
