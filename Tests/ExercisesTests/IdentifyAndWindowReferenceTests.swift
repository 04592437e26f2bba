import CourseKit
import XCTest

@testable import Exercises

/// The references and generators of exercises 05 (identify-and-limit) and 07 (sliding-window).
final class IdentifyAndWindowReferenceTests: XCTestCase {
    private func window(_ name: String, limit: Int, windowMs: Int) throws -> (Int64, String) throws -> ExerciseValue {
        let reference = try XCTUnwrap(ExerciseReferences.make(name))
        return { now, key in
            try reference.expected(
                call: "x.limit",
                args: [
                    "limiter": .string("l"), "key": .string(key), "limit": .number(Double(limit)),
                    "window_ms": .number(Double(windowMs)), "now_ms": .number(Double(now)),
                ])
        }
    }

    private func decision(_ allowed: Bool, _ remaining: Int, _ reset: Int64) -> ExerciseValue {
        .object([
            "allowed": .bool(allowed), "remaining": .number(Double(remaining)), "reset_ms": .number(Double(reset)),
        ])
    }

    func testTheFixedWindowReferenceCountsPerEpochAlignedWindowAndCaller() throws {
        let limit = try window("ratelimit.fixed-window", limit: 2, windowMs: 10_000)
        XCTAssertEqual(try limit(1_000_009_000, "a"), decision(true, 1, 1_000_010_000))
        XCTAssertEqual(try limit(1_000_009_999, "a"), decision(true, 0, 1_000_010_000))
        XCTAssertEqual(try limit(1_000_009_999, "a"), decision(false, 0, 1_000_010_000))
        XCTAssertEqual(try limit(1_000_009_999, "b"), decision(true, 1, 1_000_010_000), "each caller its own count")
        XCTAssertEqual(try limit(1_000_010_000, "a"), decision(true, 1, 1_000_020_000), "the boundary starts afresh")
    }

    func testTheSlidingWindowReferenceWeighsThePreviousWindowAsUpstashDoes() throws {
        let limit = try window("ratelimit.sliding-window", limit: 5, windowMs: 10_000)
        for remaining in (0...4).reversed() {
            XCTAssertEqual(try limit(1_000_009_900, "a"), decision(true, remaining, 1_000_010_000))
        }
        XCTAssertEqual(try limit(1_000_009_900, "a"), decision(false, 0, 1_000_010_000), "refused, not counted")
        XCTAssertEqual(try limit(1_000_010_100, "a"), decision(true, 0, 1_000_020_000), "⌊0.99 × 5⌋ = 4 weigh in")
        XCTAssertEqual(try limit(1_000_010_100, "a"), decision(false, 0, 1_000_020_000))

        let float = try window("ratelimit.sliding-window", limit: 5, windowMs: 10_000)
        for _ in 1...5 { _ = try float(1_000_000_000, "b") }
        XCTAssertEqual(
            try float(1_000_018_000, "b"), decision(true, 4, 1_000_020_000),
            "(1 − 0.8) × 5 is 0.999… in floating point: the previous window weighs 0, as in Upstash's Lua")
    }

    func testTheCallerIDReferenceBelievesForwardedForOnlyFromATrustedProxy() throws {
        let reference = try XCTUnwrap(ExerciseReferences.make("gateway.caller-id"))
        func caller(_ args: [String: ExerciseValue]) throws -> ExerciseValue {
            try reference.expected(call: "identify.callerID", args: args)
        }
        let proxies: ExerciseValue = .array([.string("10.0.0.1"), .string("10.0.0.2")])
        XCTAssertEqual(
            try caller(["peer": .string("10.0.0.1"), "api_key": .string("sk-1"), "trusted_proxies": proxies]),
            .string("key:sk-1"))
        XCTAssertEqual(
            try caller(["peer": .string("192.0.2.4"), "forwarded_for": .string("1.2.3.4"), "trusted_proxies": proxies]),
            .string("ip:192.0.2.4"))
        XCTAssertEqual(
            try caller([
                "peer": .string("10.0.0.1"), "api_key": .string(""), "trusted_proxies": proxies,
                "forwarded_for": .string("1.2.3.4, 203.0.113.7 ,10.0.0.2"),
            ]),
            .string("ip:203.0.113.7"))
        XCTAssertEqual(
            try caller(["peer": .string("10.0.0.1"), "forwarded_for": .string("1.2.3.4")]), .string("ip:10.0.0.1"),
            "no trusted proxies: the header is never read")
        XCTAssertThrowsError(try caller(["peer": .string("10.0.0.1"), "trusted_proxies": .string("10.0.0.1")]))
    }

    func testWindowTrafficIsSeededMovesForwardAndCrowdsTheBoundaries() throws {
        let block = ExerciseRandom(
            name: "r", generator: "window-traffic", seed: 7, count: 2000, call: "slidingWindow.limit",
            reference: "ratelimit.sliding-window", hint: "",
            params: ["limit": .number(5), "window_ms": .number(10_000), "keys": .number(3)], line: 1)
        let inputs = try XCTUnwrap(ExerciseGenerators.inputs(block))
        XCTAssertEqual(inputs, ExerciseGenerators.inputs(block))
        XCTAssertEqual(inputs.count, 2000)
        let times = inputs.compactMap { $0["now_ms"]?.int }
        XCTAssertEqual(times, times.sorted(), "time only moves forward")
        XCTAssertEqual(Set(inputs.compactMap { $0["key"]?.string }), ["user-0", "user-1", "user-2"])
        let nearBoundary = times.filter { $0 % 10_000 < 200 || $0 % 10_000 > 9_800 }.count
        XCTAssertGreaterThan(nearBoundary, 200, "many requests fall within 200 ms of a boundary")

        // Against the reference, the traffic both admits and refuses, and reaches far into weighted windows.
        let reference = try XCTUnwrap(ExerciseReferences.make("ratelimit.sliding-window"))
        let allowed = try inputs.map { try reference.expected(call: block.call, args: $0)["allowed"] }
        let admitted = allowed.filter { $0 == .bool(true) }.count
        XCTAssertGreaterThan(admitted, 500, "\(admitted) of 2,000 admitted")
        XCTAssertGreaterThan(2000 - admitted, 500, "\(2000 - admitted) of 2,000 refused")
    }

    func testCallerRequestsCoverEveryBranchOfTheIdentifyRule() throws {
        let block = ExerciseRandom(
            name: "r", generator: "caller-requests", seed: 5, count: 3000, call: "identify.callerID",
            reference: "gateway.caller-id", hint: "", params: [:], line: 1)
        let inputs = try XCTUnwrap(ExerciseGenerators.inputs(block))
        XCTAssertEqual(inputs, ExerciseGenerators.inputs(block))
        let reference = try XCTUnwrap(ExerciseReferences.make("gateway.caller-id"))
        var kinds: [String: Int] = [:]
        for args in inputs {
            let id = try XCTUnwrap(try reference.expected(call: block.call, args: args).string)
            let peer = try XCTUnwrap(args["peer"]?.string)
            let kind =
                id.hasPrefix("key:")
                ? "key" : id == "ip:" + peer ? (args["forwarded_for"] == nil ? "peer" : "header ignored") : "forwarded"
            kinds[kind, default: 0] += 1
        }
        for kind in ["key", "peer", "header ignored", "forwarded"] {
            XCTAssertGreaterThan(kinds[kind] ?? 0, 100, "\(kind): \(kinds)")
        }
    }
}
