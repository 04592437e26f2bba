import Foundation
import XCTest

@testable import CourseKit

/// Exercises loaded from `Exercises/NN-name/exercise.toml`, and nodes that require them.
final class ExerciseLoadingTests: XCTestCase {
    private func loadWithExercise() throws -> CourseLoadResult {
        let overlay = try XCTUnwrap(Bundle.module.url(forResource: "Fixtures/exercises", withExtension: nil))
        let directory = try Fixtures.copyOfValid(overlay: overlay)
        addTeardownBlock { try? FileManager.default.removeItem(at: directory) }
        return try CourseLoader.load(directory: directory)
    }

    func testAnExerciseLoadsWithItsCasesRandomBlocksAndNode() throws {
        let result = try loadWithExercise()
        XCTAssertEqual(result.findings, [])
        let exercise = try XCTUnwrap(result.course.exercise(id: "bucket"))
        XCTAssertEqual(exercise.title, "Write a bucket")
        XCTAssertEqual(exercise.lesson, "limits")
        XCTAssertEqual(exercise.file, "Bucket.swift")
        XCTAssertEqual(exercise.hints, ["Count.", "Count down."])
        XCTAssertEqual(exercise.calls, ["bucket.take"])
        XCTAssertEqual(exercise.relativePath, "Exercises/02-bucket/exercise.toml")
        let test = try XCTUnwrap(exercise.cases.first)
        XCTAssertEqual(test.name, "a full bucket admits one")
        XCTAssertEqual(test.line, 8)
        XCTAssertEqual(
            test.steps.first?.args, ["capacity": .number(1), "now_ms": .number(5)], "case args merged under step args")
        XCTAssertEqual(test.steps.first?.expect, .object(["allowed": .bool(true)]))
        let block = try XCTUnwrap(exercise.randoms.first)
        XCTAssertEqual(block.seed, 1)
        XCTAssertEqual(block.count, 100)
        XCTAssertEqual(block.reference, "ratelimit.token-bucket")
        XCTAssertEqual(block.params, ["capacity": .number(3)])
        XCTAssertEqual(result.course.node(id: "rate-limit")?.exercises, ["bucket"])
    }

    func testANodeWithAnExerciseUnlocksOnlyOnceTheExerciseHasPassed() throws {
        let course = try loadWithExercise().course
        XCTAssertEqual(
            course.unlockedNodes(passedQuizzes: ["caching", "limits"], ranLabs: ["exact-cache"]),
            ["cost-model", "exact-cache"])
        XCTAssertEqual(
            course.unlockedNodes(
                passedQuizzes: ["caching", "limits"], ranLabs: ["exact-cache"], passedExercises: ["bucket"]),
            ["cost-model", "exact-cache", "rate-limit", "production"])
    }

    func testExpectedObjectsMatchOnTheFieldsTheyName() {
        let got = ExerciseValue.object(["allowed": .bool(true), "remaining": .number(2), "reset_ms": .number(10)])
        XCTAssertTrue(ExerciseValue.object(["allowed": .bool(true)]).isMet(by: got))
        XCTAssertFalse(ExerciseValue.object(["remaining": .number(1)]).isMet(by: got))
        XCTAssertFalse(ExerciseValue.object(["missing": .null]).isMet(by: got))
        XCTAssertEqual(got.json, "{\"allowed\":true,\"remaining\":2,\"reset_ms\":10}")
        XCTAssertEqual(ExerciseValue.string("a\"b\n").json, "\"a\\\"b\\n\"")
    }

    func testACapstoneLoadsWithoutAFileAndItsTableIsChecked() throws {
        let overlay = FileManager.default.temporaryDirectory.appendingPathComponent("capstone-\(UUID().uuidString)")
        let folder = overlay.appendingPathComponent("Exercises/capstone")
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("harness"), withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: overlay) }
        try Data().write(to: folder.appendingPathComponent("harness/CapstoneCalls.swift"))
        func write(_ table: String) throws {
            try """
                id = "capstone"
                title = "Capstone"
                lesson = "limits"
                kind = "capstone"
                hints = ["Look at the first request that differs."]

                [capstone]
                \(table)
                """.write(to: folder.appendingPathComponent("exercise.toml"), atomically: true, encoding: .utf8)
        }
        try write(
            "scenario = \"production\"\nseed = 42\nmin_agreement = 0.99\ntenants = 3\n"
                + "[capstone.parameters]\nrequests = \"500\"")
        let directory = try Fixtures.copyOfValid(overlay: overlay)
        addTeardownBlock { try? FileManager.default.removeItem(at: directory) }
        let result = try CourseLoader.load(directory: directory, knownScenarios: ["production", "exact-cache"])
        XCTAssertEqual(result.findings, [])
        let capstone = try XCTUnwrap(result.course.exercise(id: "capstone"))
        XCTAssertTrue(capstone.isCapstone)
        XCTAssertEqual(
            capstone.capstone,
            CapstoneSpec(
                scenario: "production", seed: 42, minAgreement: 0.99, parameters: ["requests": "500"], tenants: 3))
        XCTAssertEqual(capstone.cases, [], "a capstone needs no cases, calls or file")

        try write("scenario = \"nope\"\nmin_agreement = 1.5")
        try Fixtures.copyTree(from: overlay, to: directory)
        let scenarios: Set<String> = ["production", "exact-cache"]
        let broken = try CourseLoader.load(directory: directory, knownScenarios: scenarios).findings.map(\.message)
        XCTAssertTrue(broken.contains { $0.contains("missing field `seed`") }, "\(broken)")
        XCTAssertTrue(broken.contains("`min_agreement` must be from 0 to 1"), "\(broken)")

        try write("scenario = \"nope\"\nseed = 1\nmin_agreement = 1")
        try Fixtures.copyTree(from: overlay, to: directory)
        let unknown = try CourseLoader.load(directory: directory, knownScenarios: scenarios).findings
        XCTAssertEqual(
            unknown.map(\.message), ["exercise `capstone`: scenario `nope` does not exist"], "\(unknown)")
    }
}
