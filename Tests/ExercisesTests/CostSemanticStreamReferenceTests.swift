import CourseKit
import XCTest

@testable import Exercises

/// The references and generators of exercises 1, 3 and 4, and the `cents` and `tolerance` comparisons.
final class CostSemanticStreamReferenceTests: XCTestCase {
    private func block(_ generator: String, seed: UInt64, count: Int, call: String) -> ExerciseRandom {
        ExerciseRandom(
            name: "r", generator: generator, seed: seed, count: count, call: call, reference: "", hint: "",
            params: [:], line: 1)
    }

    func testEveryNewGeneratorGivesTheSameInputsForTheSameSeedAndOthersForAnother() throws {
        for (generator, call) in [
            ("call-costs", "cost.ofMonth"), ("vector-pairs", "semanticCache.cosine"),
            ("semantic-traffic", "semanticCache.ask"), ("chunk-streams", "streamCache.answer"),
        ] {
            let first = try XCTUnwrap(ExerciseGenerators.inputs(block(generator, seed: 5, count: 200, call: call)))
            XCTAssertEqual(first.count, 200, generator)
            let again = ExerciseGenerators.inputs(block(generator, seed: 5, count: 200, call: call))
            XCTAssertEqual(first, again, generator)
            XCTAssertNotEqual(
                first, ExerciseGenerators.inputs(block(generator, seed: 6, count: 200, call: call)), generator)
            XCTAssertTrue(ExerciseGenerators.names.contains(generator), generator)
        }
    }

    func testTheCostReferenceIsExactDecimalDollars() async throws {
        let reference = try XCTUnwrap(ExerciseReferences.make("gateway.exact-cost"))
        let gpt4o: [String: ExerciseValue] = [
            "input_per_million": .string("2.50"), "output_per_million": .string("10.00"),
            "input_tokens": .number(200), "output_tokens": .number(350),
        ]
        let call = try await reference.result(call: "cost.ofCall", args: gpt4o)
        XCTAssertEqual(call, .object(["dollars": .string("0.004")]))
        var month = gpt4o
        month.merge([
            "requests_per_day": .number(1000), "days": .number(30), "cache_hit_rate": .string("0.4"),
        ]) { $1 }
        let cached = try await reference.result(call: "cost.ofMonth", args: month)
        XCTAssertEqual(cached, .object(["dollars": .string("72")]))
        month.merge([
            "requests_per_day": .number(10000), "input_tokens": .number(150), "output_tokens": .number(0),
            "cache_hit_rate": .string("0"),
        ]) { $1 }
        let exact = try await reference.result(call: "cost.ofMonth", args: month)
        XCTAssertEqual(exact, .object(["dollars": .string("112.5")]), "Double would say 112.49999999999999")
    }

    func testCentsAcceptDoublesErrorButNotAWrongCentAndToleranceReadsDecimalText() {
        let bill = ExerciseValue.object(["dollars": .string("112.50")])
        XCTAssertTrue(ExerciseComparison.cents.isMet(bill, by: .object(["dollars": .string("112.49999999999999")])))
        XCTAssertTrue(ExerciseComparison.cents.isMet(bill, by: .object(["dollars": .number(112.5)])))
        XCTAssertFalse(ExerciseComparison.cents.isMet(bill, by: .object(["dollars": .string("112.49")])))
        XCTAssertFalse(ExerciseComparison.cents.isMet(bill, by: .object(["dollars": .string("abc")])))
        XCTAssertTrue(ExerciseComparison.cents.isMet(.string("0.13"), by: .string("0.12499999999999999")))
        XCTAssertFalse(ExerciseComparison.exact.isMet(bill, by: .object(["dollars": .string("112.5")])))
        let tiny = ExerciseComparison.tolerance(0.000000001)
        XCTAssertTrue(tiny.isMet(.string("0.004"), by: .string("0.004000000000000001")))
        XCTAssertFalse(tiny.isMet(.string("0.004"), by: .string("0.0041")))
        XCTAssertTrue(ExerciseComparison.tolerance(0.001).isMet(.number(0.5), by: .number(0.5004)))
        XCTAssertFalse(ExerciseComparison.tolerance(0.001).isMet(.bool(true), by: .bool(false)))
    }

    private func ask(
        _ reference: any ExerciseReference, call: String = "semanticCache.lookup", tenant: String = "acme",
        _ prompt: String, _ embedding: [Double], answer: String = "an answer"
    ) async throws -> ExerciseValue {
        try await reference.result(
            call: call,
            args: [
                "threshold": .number(0.9), "tenant": .string(tenant), "prompt": .string(prompt),
                "embedding": .array(embedding.map { .number($0) }), "answer": .string(answer),
            ])
    }

    func testTheSemanticReferenceHitsTheSameTenantAndIdentifiersOnly() async throws {
        let reference = try XCTUnwrap(ExerciseReferences.make("semantic.cache"))
        let stored = try await ask(
            reference, call: "semanticCache.store", "Where is my order #4512?", [1, 0, 0], answer: "Shipped.")
        XCTAssertEqual(stored, .bool(true))
        let paraphrase = try await ask(reference, "Has order #4512 shipped yet?", [0.96, 0.28, 0])
        XCTAssertEqual(paraphrase["hit"], .bool(true))
        XCTAssertEqual(paraphrase["answer"], .string("Shipped."))
        XCTAssertEqual(paraphrase["prompt"], .string("Where is my order #4512?"))
        XCTAssertTrue(ExerciseComparison.tolerance(0.00001).isMet(.number(0.96), by: paraphrase["similarity"] ?? .null))
        let otherNumber = try await ask(reference, "Where is my order #4513?", [0.99, 0.141, 0])
        XCTAssertEqual(otherNumber, .object(["hit": .bool(false)]))
        let otherTenant = try await ask(reference, tenant: "globex", "Where is my order #4512?", [1, 0, 0])
        XCTAssertEqual(otherTenant, .object(["hit": .bool(false)]))
        let unrelated = try await ask(reference, "Where is my order #4512?", [0, 1, 0])
        XCTAssertEqual(unrelated["hit"], .bool(true), "the same normalised prompt is an exact hit")
        let zero = try await reference.result(
            call: "semanticCache.cosine",
            args: ["a": .array([.number(0), .number(0)]), "b": .array([.number(1), .number(2)])])
        XCTAssertEqual(zero, .number(0))
    }

    func testTheSemanticTrafficHoldsNearDuplicatesWithOtherNumbersAndOneVectorPerPrompt() throws {
        let inputs = try XCTUnwrap(
            ExerciseGenerators.inputs(block("semantic-traffic", seed: 33, count: 2000, call: "semanticCache.ask")))
        var vectors: [String: ExerciseValue] = [:]
        for input in inputs {
            let prompt = try XCTUnwrap(input["prompt"]?.string)
            if let known = vectors[prompt] { XCTAssertEqual(known, input["embedding"], prompt) }
            vectors[prompt] = input["embedding"]
        }
        XCTAssertNotNil(vectors["Where is my order #4512?"])
        XCTAssertNotNil(vectors["Where is my order #4513?"])
    }

    func testTheSemanticTrafficMixesHitsAndGuardedMisses() async throws {
        let reference = try XCTUnwrap(ExerciseReferences.make("semantic.cache"))
        let inputs = try XCTUnwrap(
            ExerciseGenerators.inputs(block("semantic-traffic", seed: 33, count: 600, call: "semanticCache.ask")))
        var hits = 0
        for input in inputs {
            let result = try await reference.result(call: "semanticCache.ask", args: input)
            if result["hit"] == .bool(true) { hits += 1 }
        }
        XCTAssertGreaterThan(hits, 100)
        XCTAssertLessThan(hits, 550)
    }

    private func stream(
        _ reference: any ExerciseReference, _ call: String, key: String = "k", _ chunks: [String], abort: Int = -1,
        gone: Int = -1
    ) async throws -> ExerciseValue {
        try await reference.result(
            call: call,
            args: [
                "key": .string(key), "chunks": .array(chunks.map { .string($0) }),
                "model_abort_after": .number(Double(abort)), "client_gone_after": .number(Double(gone)),
            ])
    }

    func testTheStreamReferenceStoresOnlyCompleteStreams() async throws {
        let reference = try XCTUnwrap(ExerciseReferences.make("gateway.stream-cache"))
        let chunks = ["Paris ", "is the ", "capital."]
        let whole = try await stream(reference, "streamCache.forward", chunks)
        XCTAssertEqual(
            whole,
            .object([
                "completed": .bool(true), "text": .string("Paris is the capital."),
                "received": .array(chunks.map { .string($0) }),
            ]))
        let brokenAtTheEnd = try await stream(reference, "streamCache.answer", chunks, abort: 3)
        XCTAssertEqual(brokenAtTheEnd["stored"], .bool(false))
        XCTAssertEqual(brokenAtTheEnd["received"], .array(chunks.map { .string($0) }))
        let left = try await stream(reference, "streamCache.answer", chunks, gone: 1)
        XCTAssertEqual(left["received"], .array([.string("Paris ")]))
        XCTAssertEqual(left["stored"], .bool(false))
        let complete = try await stream(reference, "streamCache.answer", chunks)
        XCTAssertEqual(complete["stored"], .bool(true))
        XCTAssertEqual(complete["value"], .string("Paris is the capital."))
        XCTAssertEqual(complete["model_calls"], .number(1))
        let hit = try await stream(reference, "streamCache.answer", ["other"])
        XCTAssertEqual(hit["received"], .array([.string("Paris is the capital.")]))
        XCTAssertEqual(hit["model_calls"], .number(0))
    }
}
