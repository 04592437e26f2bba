import RateLimit
import XCTest

final class TrafficSpecTests: XCTestCase {
    func testTheIssueExampleExpandsInOrder() throws {
        let spec = try TrafficSpec(parsing: "burst 20 at 0s; steady 2/s for 30s; burst 10 at 9.9s")
        let times = spec.requestTimes(seed: 1)
        XCTAssertEqual(times.count, 90)
        XCTAssertEqual(times.prefix(21), ArraySlice(repeatElement(Int64(0), count: 21)))
        XCTAssertEqual(times.filter { $0 == 9_900 }.count, 10)
        XCTAssertEqual(times.last, 29_500)
        XCTAssertEqual(times, times.sorted())
    }

    func testTimesAndRates() throws {
        XCTAssertEqual(try TrafficSpec(parsing: "burst 1 at 500ms").requestTimes(seed: 1), [500])
        XCTAssertEqual(try TrafficSpec(parsing: "burst 1 at 2m").requestTimes(seed: 1), [120_000])
        XCTAssertEqual(try TrafficSpec(parsing: "burst 1 at 1.25 s").requestTimes(seed: 1), [1_250])
        XCTAssertEqual(
            try TrafficSpec(parsing: "steady 3/s for 1s from 5s").requestTimes(seed: 1), [5_000, 5_333, 5_667])
        XCTAssertEqual(try TrafficSpec(parsing: "steady 30/m for 6s").requestTimes(seed: 1), [0, 2_000, 4_000])
    }

    func testRandomArrivalsDependOnlyOnTheSeed() throws {
        let spec = try TrafficSpec(parsing: "random 50 over 10s from 1s")
        XCTAssertEqual(spec.requestTimes(seed: 7), spec.requestTimes(seed: 7))
        XCTAssertNotEqual(spec.requestTimes(seed: 7), spec.requestTimes(seed: 8))
        XCTAssertTrue(spec.requestTimes(seed: 7).allSatisfy { (1_000..<11_000).contains($0) })
    }

    func testErrorsPointAtTheBadPart() {
        let cases: [(String, String, String)] = [
            ("burst 20 at 0s; stedy 2/s for 30s", "unknown pattern \"stedy\"", "                ^^^^^"),
            ("burst x at 0s", "found \"x\"", "      ^"),
            ("burst 5 at 9.9", "found \"9.9\"", "           ^^^"),
            ("steady 2/x for 3s", "rate such as 2/s", "       ^^^"),
            ("burst 5 in 3s", "expected \"at\", found \"in\"", "        ^^"),
            ("burst 5 at 1s extra", "unexpected \"extra\"", "              ^^^^^"),
            ("burst 5 at 1s;;burst 1 at 2s", "empty part", "              ^"),
            ("burst 5", "expected \"at\" here", "       ^"),
            ("steady 100/s for 1h", "more than", "^^^^^^^^^^^^^^^^^^^"),
        ]
        for (spec, message, marker) in cases {
            XCTAssertThrowsError(try TrafficSpec(parsing: spec), spec) { error in
                let lines = "\(error)".split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                XCTAssertTrue(lines[0].contains(message), "\(spec): \(lines[0])")
                XCTAssertEqual(lines[1], "  " + spec)
                XCTAssertEqual(lines[2], "  " + marker, spec)
            }
        }
    }
}

final class SimulationTests: XCTestCase {
    private func options(
        _ traffic: String, _ algorithms: [SimulatedAlgorithm] = SimulatedAlgorithm.allCases
    ) throws -> SimulationOptions {
        SimulationOptions(
            algorithms: algorithms, traffic: try TrafficSpec(parsing: traffic),
            window: try LimitDuration(parsing: "10 s"))
    }

    func testFixedWindowShowsTheBoundaryBurstAndTheLogDoesNot() throws {
        let report = try LimitSimulation.run(options("burst 10 at 9.9s; burst 10 at 10s"))
        let byName = Dictionary(uniqueKeysWithValues: report.runs.map { ($0.name, $0) })
        XCTAssertEqual(byName["fixed-window"]?.allowed, 20)
        XCTAssertEqual(byName["fixed-window"]?.busiest.count, 20)
        XCTAssertEqual(byName["sliding-log"]?.allowed, 10)
        XCTAssertEqual(byName["sliding-window"]?.allowed, 10)
        let timeline = report.timeline()
        XCTAssertTrue(
            timeline.summary.contains(
                "fixed-window            20         0  20 in 10 s (9.9 s to 10 s): 2.0× the limit of 10"),
            timeline.summary.joined(separator: "\n"))
        XCTAssertEqual(timeline.bucketMilliseconds, 200)
        let fixed = try XCTUnwrap(timeline.series.first)
        XCTAssertEqual(fixed.allowed[49], 10)
        XCTAssertEqual(fixed.allowed[50], 10)
        XCTAssertEqual(timeline.ticks.map(\.label), ["0 s", "10 s"])
    }

    func testBucketDefaultsCompareLikeWithLike() throws {
        let report = try LimitSimulation.run(options("burst 15 at 0s", [.tokenBucket, .continuousBucket, .gcra]))
        XCTAssertEqual(report.runs.map(\.allowed), [10, 10, 10])
    }

    func testJSONHasTheDocumentedShape() throws {
        let report = try LimitSimulation.run(options("burst 2 at 0s; burst 1 at 10s", [.fixedWindow]))
        XCTAssertEqual(
            report.json(),
            """
            {
              "algorithms": [
                {
                  "name": "fixed-window",
                  "allowed": 3,
                  "rejected": 0,
                  "decisions": [
                    {"t_ms": 0, "allowed": true, "remaining": 9, "reset_ms": 10000},
                    {"t_ms": 0, "allowed": true, "remaining": 8, "reset_ms": 10000},
                    {"t_ms": 10000, "allowed": true, "remaining": 9, "reset_ms": 20000}
                  ]
                }
              ]
            }

            """)
    }

    func testBucketWidthsAreRoundAndAlignWithTheWindow() {
        XCTAssertEqual(SimulationReport.bucketMilliseconds(span: 30_000, window: 10_000, columns: 60), 500)
        XCTAssertEqual(SimulationReport.bucketMilliseconds(span: 3_600_000, window: 60_000, columns: 60), 60_000)
        XCTAssertEqual(SimulationReport.formatTime(9_900), "9.9 s")
        XCTAssertEqual(SimulationReport.formatTime(250), "0.25 s")
        XCTAssertEqual(SimulationReport.formatTime(180_000), "3m")
    }

    func testAVerySlowRateIsNotDescribedAsZero() throws {
        let slow = try TrafficSpec(parsing: "steady 0.0001/s for 20000s")
        XCTAssertEqual(slow.partDescriptions, ["2 requests at 0.0001 per second from 0 s to 10000 s"])
        XCTAssertEqual(
            try TrafficSpec(parsing: "steady 0.5/s for 4s").partDescriptions,
            ["2 requests at 30 per minute from 0 s to 2 s"])
    }
}
