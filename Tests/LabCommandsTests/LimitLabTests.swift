import LabCommands
import REPL
import RateLimit
import XCTest

final class LimitLabTests: XCTestCase {
    func testSimulateMatchesTheLibraryRenderingOfTheSameFlags() async throws {
        let harness = try LabHarness()
        let (session, output) = try harness.session()
        let run = await harness.run(
            session, output,
            "limit simulate --algorithm all --limit 5 --window 10s --traffic \"burst 10 at 9.9s; burst 10 at 10.1s\"")
        XCTAssertEqual(run.result, .succeeded, run.text)
        let expected = SimulationText.render(
            try LimitSimulation.run(
                SimulationOptions(
                    algorithms: SimulatedAlgorithm.allCases,
                    traffic: try TrafficSpec(parsing: "burst 10 at 9.9s; burst 10 at 10.1s"),
                    limit: 5, window: try LimitDuration(parsing: "10s"))))
        XCTAssertEqual(run.text + "\n", expected)

        let json = await harness.run(
            session, output,
            """
                limit simulate --algorithm=token-bucket --capacity 10 --refill 5 --interval 10s --traffic \"burst 20 \
                at 0s\" --format json
                """
        )
        XCTAssertEqual(json.result, .succeeded, json.text)
        XCTAssertTrue(json.text.hasPrefix("{"), json.text)
    }

    func testSimulateErrors() async throws {
        let harness = try LabHarness()
        let (session, output) = try harness.session()
        let cases: [(String, String)] = [
            ("limit", "Usage: limit simulate"),
            ("limit simulate", "Usage: limit simulate"),
            ("limit simulate --traffic \"burst 10 at 0s\" --algorithm leaky", "--algorithm: `leaky`"),
            ("limit simulate --traffic \"explode\"", "--traffic:"),
            ("limit simulate --traffic \"burst 10 at 0s\" --window forever", "--window:"),
            ("limit simulate --traffic \"burst 10 at 0s\" --limit -3", "--limit:"),
            ("limit simulate --traffic \"burst 10 at 0s\" --colour red", "Unknown option `--colour`"),
            ("limit simulate --traffic", "`--traffic` needs a value"),
        ]
        for (line, message) in cases {
            let run = await harness.run(session, output, line)
            XCTAssertEqual(run.result, .failed, line)
            XCTAssertTrue(run.text.contains(message), "\(line) → \(run.text)")
        }
    }

    func testBurstAgainstTheLessonLimiterShowsWhichRequestsGot429() async throws {
        let harness = try LabHarness()
        try harness.pass(["basics", "cache"])
        let (session, output) = try harness.session()
        do { let value = await session.execute("open 2"); XCTAssertEqual(value, .succeeded) }
        do { let value = await session.execute("run"); XCTAssertEqual(value, .succeeded) }
        do { let value = await session.execute("open 3"); XCTAssertEqual(value, .succeeded) }
        let run = await harness.run(session, output, "burst 7")
        XCTAssertEqual(run.result, .succeeded, run.text)
        XCTAssertTrue(run.text.contains("sliding-window, 5 per 10 s"), run.text)
        let lines = run.text.split(separator: "\n")
        XCTAssertEqual(lines.filter { $0.contains("200 OK") }.count, 5, run.text)
        XCTAssertEqual(lines.filter { $0.contains("429 Too Many Requests") }.count, 2, run.text)
        XCTAssertTrue(lines[1].contains("remaining 4"), run.text)
        XCTAssertTrue(run.text.contains("allowed 5, rejected with 429: 2"), run.text)

        let spaced = await harness.run(
            session, output, "burst 3 --algorithm fixed-window --limit \"1 per 1 s\" --every 1s")
        XCTAssertTrue(spaced.text.contains("allowed 3, rejected with 429: 0"), spaced.text)
    }

    func testBurstWithoutALimiterOrWithBadInputFails() async throws {
        let harness = try LabHarness()
        let (session, output) = try harness.session()
        for (line, message) in [
            ("burst 5", "no rate limiter"),
            ("burst", "Usage: burst N"),
            ("burst many --algorithm gcra --limit \"5 per 10 s\"", "not a number of requests"),
            ("burst 5 --algorithm leaky --limit \"5 per 10 s\"", "leaky"),
            ("burst 5 --algorithm gcra --limit often", "--limit:"),
        ] {
            let run = await harness.run(session, output, line)
            XCTAssertEqual(run.result, .failed, line)
            XCTAssertTrue(run.text.contains(message), "\(line) → \(run.text)")
        }
    }
}
