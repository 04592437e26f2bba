@testable import LabCommands
import REPL
import XCTest

final class ServeLabTests: XCTestCase {
    func testFireShowsCacheOutcomesAndThe429sOfTheRunningGateway() throws {
        let harness = try LabHarness()
        let (session, output) = try harness.session()
        let start = harness.run(session, output, "serve start --step 8 --port 0 --latency-scale 0 --limit \"5 per 1h\"")
        XCTAssertEqual(start.result, .succeeded, start.text)
        XCTAssertTrue(start.text.contains("step 8"), start.text)
        let fire = harness.run(session, output, "fire 7 --key bot")
        XCTAssertEqual(fire.result, .succeeded, fire.text)
        let lines = fire.text.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines[1].contains("200 OK") && lines[1].contains("X-Cache: MISS") && lines[1].contains("RateLimit-Remaining: 4"), fire.text)
        XCTAssertTrue(lines[2].contains("X-Cache: HIT-EXACT"), fire.text)
        XCTAssertEqual(lines.filter { $0.contains("429 Too Many Requests") && $0.contains("Retry-After: ") }.count, 2, fire.text)
        XCTAssertEqual(lines.last, "200: 5, 429: 2")

        let keys = harness.run(session, output, "redis DBSIZE")
        XCTAssertEqual(keys.text, "(integer) 1", "the gateway caches in the session's keyspace")
        let other = harness.run(session, output, "fire 1 --key alice --prompt \"How do I reset my password?\"")
        XCTAssertTrue(other.text.contains("HIT-EXACT") && other.text.contains("RateLimit-Remaining: 4"), other.text)

        XCTAssertTrue(harness.run(session, output, "serve status").text.contains("step 8"))
        XCTAssertTrue(harness.run(session, output, "serve start").text.contains("Already serving"))
        XCTAssertTrue(harness.run(session, output, "serve stop").text.contains("Stopped the gateway"))
        let after = harness.run(session, output, "fire 1")
        XCTAssertEqual(after.result, .failed)
        XCTAssertTrue(after.text.contains("No gateway is running"), after.text)
    }

    func testServeAndFireErrors() throws {
        let harness = try LabHarness()
        let (session, output) = try harness.session()
        for (line, message) in [
            ("serve", "Usage: serve start"),
            ("serve start --step 9", "--step:"),
            ("serve start --port 70000", "--port:"),
            ("serve start --limit often", "--limit:"),
            ("serve start --algorithm leaky", "leaky"),
            ("serve start --latency-scale fast", "--latency-scale:"),
            ("fire", "Usage: fire N"),
            ("fire 0", "not a number of requests"),
        ] {
            let run = harness.run(session, output, line)
            XCTAssertEqual(run.result, .failed, line)
            XCTAssertTrue(run.text.contains(message), "\(line) → \(run.text)")
        }
    }

    func testChunkedResponsesAreDecoded() throws {
        let raw = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nX-Cache: MISS\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n"
        let response = try LoopbackHTTPClient.parse(Array(raw.utf8))
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(response.headers["x-cache"], "MISS")
        XCTAssertEqual(response.body, "hello world")
        XCTAssertThrowsError(try LoopbackHTTPClient.parse(Array("garbage".utf8)))
    }
}
