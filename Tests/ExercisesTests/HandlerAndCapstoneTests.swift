import CourseKit
import XCTest

@testable import Exercises

/// Exercise 8's references (the HTTP response for a decision, the handler's stage order) and the capstone's plan.
final class HandlerAndCapstoneTests: XCTestCase {
    private func headers(allowed: Bool, resetInMs: Int64) throws -> ExerciseValue {
        try HTTPResponseReference().expected(
            call: "handler.headers",
            args: [
                "allowed": .bool(allowed), "limit": .number(5), "remaining": .number(0),
                "reset_ms": .number(Double(1_000_000 + resetInMs)), "now_ms": .number(1_000_000),
            ])
    }

    func testRetryAfterIsWholeSecondsRoundedUpAndAtLeastOne() throws {
        for (resetIn, retry, reset) in [
            (2500, "3", "3"), (1000, "1", "1"), (1001, "2", "2"), (1, "1", "1"), (0, "1", "0"), (-1500, "1", "0"),
        ] as [(Int64, String, String)] {
            let refused = try headers(allowed: false, resetInMs: resetIn)
            XCTAssertEqual(refused["Retry-After"], .string(retry), "reset in \(resetIn) ms")
            XCTAssertEqual(refused["RateLimit-Reset"], .string(reset), "reset in \(resetIn) ms")
        }
        XCTAssertEqual(
            try headers(allowed: true, resetInMs: 4000),
            .object([
                "RateLimit-Limit": .string("5"), "RateLimit-Remaining": .string("0"), "RateLimit-Reset": .string("4"),
            ]),
            "no Retry-After on an allowed request")
        let rejected = try HTTPResponseReference().expected(
            call: "handler.reject",
            args: [
                "allowed": .bool(false), "limit": .number(5), "remaining": .number(0), "reset_ms": .number(10),
                "now_ms": .number(10),
            ])
        XCTAssertEqual(rejected["status"], .number(429))
    }

    private let request: [String: ExerciseValue] = [
        "prompt": .string("Hi"), "api_key": .string("user-1"), "now_ms": .number(1000), "limit_allowed": .bool(true),
        "limit_max": .number(5), "limit_remaining": .number(4), "limit_reset_ms": .number(11000),
        "model_chunks": .array([.string("Hello "), .string("there.")]),
    ]

    private func handled(_ changes: [String: ExerciseValue]) throws -> ExerciseValue {
        try HandlerReference().expected(call: "handler.handle", args: request.merging(changes) { $1 })
    }

    func testTheHandlerReferenceFollowsStepEightsOrder() throws {
        let refused = try handled(["limit_allowed": .bool(false), "exact_hit": .string("cached")])
        XCTAssertEqual(refused["calls"], .array([.string("identify"), .string("limit")]))
        XCTAssertEqual(refused["status"], .number(429))
        XCTAssertEqual(refused["limited_caller"], .string("key:user-1"))

        let semantic = try handled(["semantic_hit": .string("Similar.")])
        XCTAssertEqual(
            semantic["calls"],
            .array([.string("identify"), .string("limit"), .string("exact.lookup"), .string("semantic.lookup")]))
        XCTAssertEqual(semantic["body"], .string("Similar."))
        XCTAssertEqual(semantic["stores"], .array([]))

        let miss = try handled(["stream": .bool(true)])
        XCTAssertEqual(miss["sent"], .string("Hello there."))
        XCTAssertEqual(
            miss["stores"], .array([.string("exact.store:Hello there."), .string("semantic.store:Hello there.")]))

        let aborted = try handled(["stream": .bool(true), "model_aborts": .bool(true)])
        XCTAssertEqual(aborted["status"], .number(502))
        XCTAssertEqual(aborted["stores"], .array([]), "a broken-off stream is never stored")
        XCTAssertEqual(try handled(["model_fails": .bool(true)])["status"], .number(502))
    }

    func testTheHandlerGeneratorsAreDeterministic() throws {
        let block = ExerciseRandom(
            name: "r", generator: "handler-requests", seed: 88, count: 200, call: "handler.handle",
            reference: "gateway.handler", hint: "", params: [:], line: 1)
        let inputs = try XCTUnwrap(ExerciseGenerators.inputs(block))
        XCTAssertEqual(inputs, ExerciseGenerators.inputs(block))
        XCTAssertTrue(inputs.contains { $0["limit_allowed"] == .bool(false) })
        XCTAssertTrue(inputs.contains { $0["model_aborts"] == .bool(true) && $0["stream"] == .bool(true) })
        for args in inputs { XCTAssertNoThrow(try HandlerReference().expected(call: block.call, args: args)) }
    }

    func testTheCapstonePlanReplaysProductionWithEveryOutcomeAndTenantTaggedAnswers() async throws {
        let spec = CapstoneSpec(
            scenario: "production", seed: 42, minAgreement: 0.99, parameters: ["requests": "400"], tenants: 3)
        let plan = try await CapstoneRun.plan(spec)
        let labels = plan.requests.map { CapstoneRun.label($0.reference) }
        XCTAssertEqual(Set(labels), ["exact", "semantic", "miss", "429"])
        let again = try await CapstoneRun.plan(spec)
        XCTAssertEqual(labels, again.requests.map { CapstoneRun.label($0.reference) }, "the same seed, the same run")
        XCTAssertEqual(plan.limit, 5)
        XCTAssertEqual(plan.windowMs, 10_000)
        XCTAssertEqual(plan.threshold, 0.95)
        XCTAssertEqual(Set(plan.requests.map(\.item.request.tenant)), ["tenant-1", "tenant-2", "tenant-3"])
        for request in plan.requests {
            XCTAssertTrue(request.chunks.first?.hasPrefix("[\(request.item.request.tenant)] ") ?? false)
            XCTAssertGreaterThanOrEqual(request.item.atMs, CapstoneRun.epochMs)
        }
        XCTAssertTrue(plan.requests.contains { $0.aborts }, "the simulated LLM breaks off some streams")
        XCTAssertLessThan(plan.costUSD, plan.baselineCostUSD)
    }
}
