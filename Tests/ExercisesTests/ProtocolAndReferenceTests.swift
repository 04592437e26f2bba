import CourseKit
import XCTest

@testable import Exercises

/// The harness protocol's JSON, the seeded generators and the in-process references.
final class ProtocolAndReferenceTests: XCTestCase {
    func testJSONLinesParseToExerciseValues() {
        XCTAssertEqual(
            JSONLineParser.parse(#"{"id":3,"ok":{"allowed":true,"remaining":0,"reset_ms":1001000}}"#),
            .object([
                "id": .number(3),
                "ok": .object(["allowed": .bool(true), "remaining": .number(0), "reset_ms": .number(1_001_000)]),
            ]))
        XCTAssertEqual(
            JSONLineParser.parse(#"{"id":1,"error":"a \"quoted\" \u00e9\n"}"#)?["error"], .string("a \"quoted\" é\n"))
        XCTAssertEqual(
            JSONLineParser.parse(#"[1, -2.5e1, null, false, []]"#),
            .array([.number(1), .number(-25), .null, .bool(false), .array([])]))
        XCTAssertNil(JSONLineParser.parse("Hello from print()"))
        XCTAssertNil(JSONLineParser.parse(#"{"id":1,"#))
        let value = ExerciseValue.object(["s": .string("tab\there"), "n": .number(1.5), "a": .array([.null])])
        XCTAssertEqual(JSONLineParser.parse(value.json), value, "what the checker writes, it reads back")
    }

    func testGeneratorsAreDeterministicPerSeed() throws {
        let block = ExerciseRandom(
            name: "r", generator: "bursty-traffic", seed: 6, count: 300, call: "tokenBucket.limit",
            reference: "ratelimit.token-bucket", hint: "",
            params: ["capacity": .number(4), "interval_ms": .number(500)], line: 1)
        let first = try XCTUnwrap(ExerciseGenerators.inputs(block))
        XCTAssertEqual(first, ExerciseGenerators.inputs(block))
        XCTAssertEqual(first.count, 300)
        let times = first.compactMap { $0["now_ms"]?.int }
        XCTAssertEqual(times, times.sorted(), "time only moves forward")
        let other = ExerciseRandom(
            name: "r", generator: "bursty-traffic", seed: 7, count: 300, call: "tokenBucket.limit",
            reference: "ratelimit.token-bucket", hint: "", params: block.params, line: 1)
        XCTAssertNotEqual(first, ExerciseGenerators.inputs(other))
    }

    func testTheTokenBucketReferenceRefusesAtZeroWithoutSpendingAndRefillsInSteps() throws {
        let reference = try XCTUnwrap(ExerciseReferences.make("ratelimit.token-bucket"))
        func limit(_ now: Int64) throws -> ExerciseValue {
            try reference.expected(
                call: "tokenBucket.limit",
                args: [
                    "bucket": .string("b"), "key": .string("k"), "capacity": .number(1), "refill_rate": .number(1),
                    "interval_ms": .number(1000), "now_ms": .number(Double(now)),
                ])
        }
        XCTAssertEqual(try limit(10_000)["allowed"], .bool(true))
        XCTAssertEqual(try limit(10_500)["allowed"], .bool(false))
        XCTAssertEqual(try limit(10_999)["allowed"], .bool(false))
        XCTAssertEqual(
            try limit(11_000), .object(["allowed": .bool(true), "remaining": .number(0), "reset_ms": .number(12_000)]))
    }

    func testTheCacheKeyReferenceNormalisesThePrompt() throws {
        let reference = try XCTUnwrap(ExerciseReferences.make("gateway.cache-key"))
        func key(_ prompt: String) throws -> ExerciseValue {
            try reference.expected(
                call: "exactCache.key",
                args: [
                    "tenant": .string("acme"), "model": .string("gpt-4o"), "system_prompt": .string(""),
                    "temperature": .number(0), "max_tokens": .number(512), "prompt": .string(prompt),
                ])
        }
        XCTAssertEqual(try key("  Reset my   PASSWORD? "), try key("reset my password?"))
        XCTAssertNotEqual(try key("reset my password"), try key("reset my password?"))
        XCTAssertTrue(try key("x").string?.hasPrefix("llm:exact:") == true)
    }

    func testCrashOutputNamesTheLearnersLine() {
        let log = """
            Fatal error: Index out of range
            💣 Program crashed: Illegal instruction at 0x00007f
            0 ... in TokenBucket.limit(nowMs:) at /tmp/ws/Sources/ServerSwift/TokenBucket.swift:34:19
            1 ... in TokenBucketCalls.call(_:_:) at /tmp/ws/Sources/Harness/TokenBucketCalls.swift:17
            """
        XCTAssertEqual(HarnessProcess.learnerLocation(in: log), "Sources/ServerSwift/TokenBucket.swift:34")
        XCTAssertEqual(HarnessProcess.crashMessage(in: log), "Fatal error: Index out of range")
        XCTAssertNil(HarnessProcess.learnerLocation(in: "Segmentation fault"))
    }
}
