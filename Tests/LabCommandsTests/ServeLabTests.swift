import REPL
import Synchronization
import XCTest

@testable import LabCommands

final class ServeLabTests: XCTestCase {
    func testFireShowsCacheOutcomesAndThe429sOfTheRunningGateway() async throws {
        let harness = try LabHarness()
        let (session, output) = try harness.session()
        let start = await harness.run(
            session, output, "serve start --step 8 --port 0 --latency-scale 0 --limit \"5 per 1h\"")
        XCTAssertEqual(start.result, .succeeded, start.text)
        XCTAssertTrue(start.text.contains("step 8"), start.text)
        let key = try XCTUnwrap(
            start.text.firstMatch(of: /sk-lesson-[0-9a-f]{32}/).map { String($0.output) }, start.text)
        let fire = await harness.run(session, output, "fire 7")
        XCTAssertEqual(fire.result, .succeeded, fire.text)
        XCTAssertFalse(fire.text.contains(key), "the lesson key is shown once, at start")
        let lines = fire.text.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines[0].hasSuffix("with the lesson key:"), fire.text)
        XCTAssertTrue(
            lines[1].contains("200 OK") && lines[1].contains("X-Cache: MISS")
                && lines[1].contains("RateLimit-Remaining: 4"), fire.text)
        XCTAssertTrue(lines[2].contains("X-Cache: HIT-EXACT"), fire.text)
        XCTAssertEqual(
            lines.filter { $0.contains("429 Too Many Requests") && $0.contains("Retry-After: ") }.count, 2, fire.text)
        XCTAssertEqual(lines.last, "200: 5, 429: 2")

        let keys = await harness.run(session, output, "redis DBSIZE")
        XCTAssertEqual(keys.text, "(integer) 1", "the gateway caches in the session's keyspace")
        let explicit = await harness.run(session, output, "fire 1 --key \(key)")
        XCTAssertTrue(explicit.text.contains("429 Too Many Requests"), "the lesson key's own count: \(explicit.text)")
        let other = await harness.run(session, output, "fire 2 --key alice")
        XCTAssertTrue(
            other.text.contains("401 Unauthorized") && other.text.contains("RateLimit-Remaining: 8"), other.text)
        XCTAssertEqual(other.text.split(separator: "\n").last, "401: 2")

        do {
            let value = await harness.run(session, output, "serve status"); XCTAssertTrue(value.text.contains("step 8"))
        }
        do {
            let value = await harness.run(session, output, "serve start");
            XCTAssertTrue(value.text.contains("Already serving"))
        }
        do {
            let value = await harness.run(session, output, "serve stop");
            XCTAssertTrue(value.text.contains("Stopped the gateway"))
        }
        let after = await harness.run(session, output, "fire 1")
        XCTAssertEqual(after.result, .failed)
        XCTAssertTrue(after.text.contains("No gateway is running"), after.text)
    }

    func testForgedKeysGetTheirOwnLimitOnAnOpenServerAnd401ThenAnAddressLimitOnAKeyedOne() async throws {
        let harness = try LabHarness()
        let (session, output) = try harness.session()
        _ = await harness.run(session, output, "serve start 5 --port 0 --latency-scale 0 --open")
        let open = await harness.run(session, output, "fire 12 --rotate-keys")
        XCTAssertTrue(open.text.contains("with made-up keys `forged-1` to `forged-12`:"), open.text)
        XCTAssertEqual(open.text.split(separator: "\n").last, "200: 12", "every made-up key gets its own 5")
        _ = await harness.run(session, output, "serve stop")
        let start = await harness.run(session, output, "serve start 5 --port 0 --latency-scale 0")
        XCTAssertTrue(start.text.contains("Lesson key (shown once): sk-lesson-"), start.text)
        let keyed = await harness.run(session, output, "fire 12 --rotate-keys")
        let lines = keyed.text.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.filter { $0.contains("401 Unauthorized") }.count, 10, keyed.text)
        XCTAssertTrue(lines[11].contains("429 Too Many Requests") && lines[11].contains("Retry-After: "), keyed.text)
        XCTAssertEqual(lines.last, "401: 10, 429: 2")
        let lesson = await harness.run(session, output, "fire 1")
        XCTAssertEqual(
            lesson.text.split(separator: "\n").last, "200: 1", "the lesson key is served whatever its address did")
        let both = await harness.run(session, output, "fire 2 --key a --rotate-keys")
        XCTAssertEqual(both.result, .failed)
        await harness.shutdown()
    }

    func testTheLessonKeyFollowsTheSessionSeed() throws {
        let first = try LabHarness()
        let second = try LabHarness()
        let (a, _) = try first.session()
        let (b, _) = try second.session()
        let keyA = ServeLabCommands.lessonKey(a)
        XCTAssertEqual(keyA, ServeLabCommands.lessonKey(b), "the same seed, the same key")
        XCTAssertNotEqual(keyA, ServeLabCommands.lessonKey(a), "each start makes a new one")
        XCTAssertEqual(keyA.count, "sk-lesson-".count + 32)
    }

    func testCtrlCStopsFireBeforeTheNextRequest() async throws {
        let polls = Mutex(0)
        let harness = try LabHarness(interrupted: {
            polls.withLock { count in
                count += 1; return count == 3
            }
        })
        let (session, output) = try harness.session()
        let start = await harness.run(session, output, "serve start --step 8 --port 0 --latency-scale 0")
        XCTAssertEqual(start.result, .succeeded, start.text)
        let fire = await harness.run(session, output, "fire 10")
        XCTAssertEqual(fire.result, .succeeded, fire.text)
        let lines = fire.text.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.filter { $0.contains("200 OK") }.count, 2, fire.text)
        XCTAssertTrue(fire.text.contains("Interrupted: 2 of 10 sent."), fire.text)
        XCTAssertEqual(lines.last, "200: 2")
        await harness.shutdown()
        let after = await harness.run(session, output, "serve status")
        XCTAssertTrue(after.text.contains("not running"), after.text)
    }

    func testBlockingIOReturnsTheValueAndPassesErrorsOn() async throws {
        let value = try await BlockingIO.run { 6 * 7 }
        XCTAssertEqual(value, 42)
        do {
            _ = try await BlockingIO.run { () throws -> Int in throw ReplLabError.invalid("refused") }
            XCTFail("the error should have been rethrown")
        } catch {
            XCTAssertTrue("\(error)".contains("refused"), "\(error)")
        }
    }

    func testServeCompletesStepsAfterStartAndTheHelpNamesThem() async throws {
        let harness = try LabHarness()
        let (session, output) = try harness.session()
        XCTAssertEqual(
            session.completions(lineBeforeWord: "serve start ", word: ""),
            (1...8).map(String.init) + ["--port", "--limit", "--algorithm", "--latency-scale", "--open"])
        XCTAssertEqual(
            session.completions(lineBeforeWord: "serve start 6 ", word: "--l"), ["--limit", "--latency-scale"])
        let help = await harness.run(session, output, "help serve")
        XCTAssertTrue(help.text.contains("serve start [N]"), help.text)
        XCTAssertTrue(help.text.contains("steps 5 to 8 put a limit per API key in front"), help.text)
        XCTAssertTrue(help.text.contains("a request with any other key, or none, gets 401"), help.text)
    }

    func testServeAndFireErrors() async throws {
        let harness = try LabHarness()
        let (session, output) = try harness.session()
        for (line, message) in [
            ("serve", "Usage: serve start"),
            ("serve start --step 9", "--step:"),
            ("serve start 9", "`9` is not a server.swift step: use 1 to 8."),
            ("serve start 2 --step 3", "Usage: serve start"),
            ("serve start --port 70000", "--port:"),
            ("serve start --limit often", "--limit:"),
            ("serve start --algorithm leaky", "leaky"),
            ("serve start --latency-scale fast", "--latency-scale:"),
            ("fire", "Usage: fire N"),
            ("fire 0", "not a number of requests"),
        ] {
            let run = await harness.run(session, output, line)
            XCTAssertEqual(run.result, .failed, line)
            XCTAssertTrue(run.text.contains(message), "\(line) → \(run.text)")
        }
    }

    func testChunkedResponsesAreDecoded() async throws {
        let raw =
            """
                HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nX-Cache: MISS\r\n\r\n5\r\nhello\r\n6\r\n \
                world\r\n0\r\n\r\n
                """
        let response = try LoopbackHTTPClient.parse(Array(raw.utf8))
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(response.headers["x-cache"], "MISS")
        XCTAssertEqual(response.body, "hello world")
        XCTAssertThrowsError(try LoopbackHTTPClient.parse(Array("garbage".utf8)))
    }
}
