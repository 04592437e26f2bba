import Foundation
import TestSupport
import XCTest

/// `archlab limit simulate` end to end, through the built binary.
final class LimitCommandTests: XCTestCase {
    private func archlab(_ arguments: [String]) throws -> ProcessOutput {
        try ProcessCapture.run(try BuiltProducts.executable("archlab"), arguments, environment: ["NO_COLOR": "1"])
    }

    func testTextShowsEveryAlgorithmWithTheChartAndCounts() throws {
        let outcome = try archlab([
            "limit", "simulate", "--algorithm", "all", "--traffic",
            "burst 20 at 0s; steady 2/s for 30s; burst 10 at 9.9s",
        ])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        for name in ["fixed-window", "sliding-window", "sliding-log", "token-bucket", "continuous-bucket", "gcra"] {
            XCTAssertTrue(outcome.stdout.contains("\n\(name): "), name)
        }
        XCTAssertTrue(
            outcome.stdout.contains(
                """
                    90 requests from 0 s to 29.5 s: a burst of 20 requests at 0 s; 60 requests at 2 per second from 0 \
                    s to 29.5 s; a burst of 10 requests at 9.9 s (the chart starts at 0 s).
                    """
            ),
            outcome.stdout)
        XCTAssertTrue(outcome.stdout.contains("allowed  │█"))
        XCTAssertTrue(outcome.stdout.contains("fixed-window            30        60"))
        XCTAssertFalse(outcome.stdout.contains("\u{1B}"))
        XCTAssertEqual(outcome.stderr, "")
    }

    func testTheHeaderSaysWhatEachFormOfTrafficIs() throws {
        let cases = [
            ("burst 10 at 9.9s", "A burst of 10 requests at 9.9 s (the chart starts at 0 s)."),
            ("burst 1 at 2s", "1 request at 2 s (the chart starts at 0 s)."),
            ("steady 2/s for 30s", "60 requests at 2 per second from 0 s to 29.5 s (the chart starts at 0 s)."),
            ("steady 30/m for 10s from 5s", "5 requests at 30 per minute from 5 s to 13 s (the chart starts at 0 s)."),
            ("steady 2.5/s for 2s", "5 requests at 2.5 per second from 0 s to 1.6 s (the chart starts at 0 s)."),
            (
                "random 15 over 10s from 5s",
                "15 requests at random times between 5 s and 15 s (the chart starts at 0 s)."
            ),
            (
                "burst 10 at 9.9s; burst 10 at 10.1s",
                """
                    20 requests from 9.9 s to 10.1 s: a burst of 10 requests at 9.9 s; a burst of 10 requests at 10.1 \
                    s (the chart starts at 0 s).
                    """
            ),
        ]
        for (traffic, line) in cases {
            let outcome = try archlab(["limit", "simulate", "--algorithm", "sliding-window", "--traffic", traffic])
            XCTAssertEqual(outcome.status, 0, outcome.stderr)
            let lines = outcome.stdout.split(separator: "\n").map(String.init)
            XCTAssertEqual(lines.first, "Traffic: \(traffic)")
            XCTAssertTrue(lines.count > 1 && lines[1].hasPrefix(line), "\(traffic): \(lines.prefix(2))")
        }
    }

    func testJSONIsOneDocumentWithDecisions() throws {
        let outcome = try archlab([
            "limit", "simulate", "--algorithm", "token-bucket", "--capacity", "2", "--refill", "1",
            "--interval", "1s", "--traffic", "burst 3 at 0s; burst 1 at 1s", "--format", "json",
        ])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        let document = try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any]
        let algorithms = try XCTUnwrap(document?["algorithms"] as? [[String: Any]])
        XCTAssertEqual(algorithms.count, 1)
        XCTAssertEqual(algorithms[0]["name"] as? String, "token-bucket")
        XCTAssertEqual(algorithms[0]["allowed"] as? Int, 3)
        XCTAssertEqual(algorithms[0]["rejected"] as? Int, 1)
        let decisions = try XCTUnwrap(algorithms[0]["decisions"] as? [[String: Any]])
        XCTAssertEqual(decisions.map { $0["allowed"] as? Bool }, [true, true, false, true])
        XCTAssertEqual(decisions.map { $0["reset_ms"] as? Int }, [1_000, 1_000, 1_000, 2_000])
        XCTAssertEqual(decisions.map { $0["t_ms"] as? Int }, [0, 0, 0, 1_000])
    }

    func testBadTrafficIsExplainedOnStandardError() throws {
        let outcome = try archlab(["limit", "simulate", "--traffic", "burst 20 at 0s; stedy 2/s for 30s"])
        XCTAssertEqual(outcome.status, 2)
        XCTAssertEqual(outcome.stdout, "")
        XCTAssertTrue(outcome.stderr.contains("unknown pattern \"stedy\""), outcome.stderr)
        XCTAssertTrue(outcome.stderr.contains("                  ^^^^^"), outcome.stderr)
    }

    func testBadDurationNamesTheFlagAndTheString() throws {
        let outcome = try archlab(["limit", "simulate", "--traffic", "burst 1 at 0s", "--window", "10 sec"])
        XCTAssertEqual(outcome.status, 2)
        XCTAssertTrue(outcome.stderr.contains("--window: invalid duration \"10 sec\""), outcome.stderr)
    }

    func testRateSetsLimitAndWindow() throws {
        let outcome = try archlab([
            "limit", "simulate", "--algorithm", "sliding-log", "--rate", "5 per 10 s", "--traffic", "burst 8 at 1s",
        ])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        XCTAssertTrue(outcome.stdout.contains("sliding-log: 5 in any 10 s"), outcome.stdout)
        XCTAssertTrue(outcome.stdout.contains("sliding-log        5         3"), outcome.stdout)
        let bad = try archlab(["limit", "simulate", "--rate", "5 every 10 s", "--traffic", "burst 8 at 1s"])
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.stderr.contains("--rate: invalid rate \"5 every 10 s\""), bad.stderr)
    }

    func testUnknownAlgorithmIsAUsageError() throws {
        let outcome = try archlab(["limit", "simulate", "--traffic", "burst 1 at 0s", "--algorithm", "leaky"])
        XCTAssertEqual(outcome.status, 64)
        XCTAssertTrue(outcome.stderr.contains("leaky"), outcome.stderr)
    }
}
