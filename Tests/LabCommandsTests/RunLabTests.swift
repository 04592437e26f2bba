import Foundation
import LabCommands
import REPL
import XCTest

final class RunLabTests: XCTestCase {
    func testRunOfTheLessonScenarioRecordsTheRunAndUnlocksTheLabNode() async throws {
        let harness = try LabHarness()
        try harness.pass(["basics", "cache"])
        let (session, output) = try harness.session()
        do { let value = await session.execute("open 2"); XCTAssertEqual(value, .succeeded) }
        let run = await harness.run(session, output, "run")
        XCTAssertEqual(run.result, .succeeded, run.text)
        XCTAssertTrue(run.text.contains("exact-cache"), run.text)
        XCTAssertTrue(run.text.contains("NODE UNLOCKED: Lab Node"), run.text)
        XCTAssertTrue(run.text.contains("NODE UNLOCKED: Final") == false, "final needs its quiz:\n\(run.text)")

        let learner = try harness.store.ensureLearner("ada")
        let runs = try harness.store.labRuns(learner: learner)
        XCTAssertEqual(runs.map(\.scenarioID), ["exact-cache"])
        let parameters = try JSONSerialization.jsonObject(with: Data(runs[0].parametersJSON.utf8)) as? [String: String]
        XCTAssertEqual(parameters?["ttl"], "1h")
        let summary = try JSONSerialization.jsonObject(with: Data(runs[0].summaryJSON.utf8)) as? [String: Any]
        XCTAssertEqual(summary?["scenario"] as? String, "exact-cache")
        XCTAssertEqual(
            Set(try harness.store.unlockedNodes(learner: learner).map(\.nodeID)), ["basics", "cache", "lab-node"])

        let again = await harness.run(session, output, "run exact-cache ttl=60s")
        XCTAssertEqual(again.result, .succeeded)
        XCTAssertFalse(again.text.contains("NODE UNLOCKED"), "a second run unlocks nothing new:\n\(again.text)")
        XCTAssertEqual(try harness.store.labRuns(learner: learner).count, 2)
    }

    func testLabRunBeforeTheQuizCountsOnceTheQuizPasses() async throws {
        let harness = try LabHarness()
        let (session, output) = try harness.session()
        let run = await harness.run(session, output, "run exact-cache requests=200")
        XCTAssertEqual(run.result, .succeeded, run.text)
        XCTAssertFalse(run.text.contains("NODE UNLOCKED"), run.text)
        let learner = try harness.store.ensureLearner("ada")
        XCTAssertEqual(try harness.store.ranLabIDs(learner: learner), ["exact-cache"])
    }

    func testRunErrorsAreClearAndRecordNothing() async throws {
        let harness = try LabHarness()
        let (session, output) = try harness.session()
        let noLesson = await harness.run(session, output, "run")
        XCTAssertEqual(noLesson.result, .failed)
        XCTAssertTrue(noLesson.text.contains("No lesson is open"), noLesson.text)

        let unknown = await harness.run(session, output, "run nosuch")
        XCTAssertEqual(unknown.result, .failed)
        XCTAssertTrue(unknown.text.contains("nosuch") && unknown.text.contains("exact-cache"), unknown.text)

        let badParameter = await harness.run(session, output, "run exact-cache bogus=1")
        XCTAssertEqual(badParameter.result, .failed)
        XCTAssertTrue(badParameter.text.contains("bogus"), badParameter.text)

        let badValue = await harness.run(session, output, "run exact-cache requests=lots")
        XCTAssertEqual(badValue.result, .failed)
        XCTAssertTrue(badValue.text.contains("requests"), badValue.text)

        let learner = try harness.store.ensureLearner("ada")
        XCTAssertTrue(try harness.store.labRuns(learner: learner).isEmpty)
    }

    func testListAndQuotedParameterValues() async throws {
        let harness = try LabHarness()
        let (session, output) = try harness.session()
        let list = await harness.run(session, output, "run --list")
        XCTAssertEqual(list.result, .succeeded)
        for id in ["baseline", "exact-cache", "semantic-cache", "windows", "production"] {
            XCTAssertTrue(list.text.contains(id), "missing \(id)")
        }
        let quoted = await harness.run(session, output, "run windows requests=100 limit=\"3 per 10 s\"")
        XCTAssertEqual(quoted.result, .succeeded, quoted.text)
        XCTAssertTrue(quoted.text.contains("3 per 10 s"), quoted.text)
    }

    func testCompletionOffersScenariosThenTheirParameters() async throws {
        let harness = try LabHarness()
        let (session, _) = try harness.session()
        XCTAssertEqual(session.completions(lineBeforeWord: "run ", word: "exa"), ["exact-cache"])
        XCTAssertTrue(session.completions(lineBeforeWord: "run exact-cache ", word: "t").contains("ttl="))
        XCTAssertEqual(session.completions(lineBeforeWord: "redis-server ", word: "st"), ["start", "stop", "status"])
        XCTAssertEqual(session.completions(lineBeforeWord: "semantic ", word: ""), ["threshold", "sweep"])
    }
}

final class LabHelpTests: XCTestCase {
    func testEveryLabCommandIsListedAndHasHelpWithinEightyColumns() async throws {
        let harness = try LabHarness()
        let (session, output) = try harness.session()
        let list = await harness.run(session, output, "help")
        let names = ["run", "redis", "redis-server", "limit", "burst", "embed", "similar", "semantic", "serve", "fire"]
        for name in names {
            XCTAssertTrue(list.text.contains("  \(name)"), "help lists \(name)")
            let help = await harness.run(session, output, "help \(name)")
            XCTAssertEqual(help.result, .succeeded, name)
            XCTAssertGreaterThan(help.text.split(separator: "\n").count, 2, name)
        }
        for line in list.text.split(separator: "\n") {
            XCTAssertLessThanOrEqual(line.count, 120, "help line too wide: \(line)")
        }
    }
}
