import Foundation
import XCTest

final class LintEndToEndTests: XCTestCase {
    func testValidCourseLintsCleanWithExitZero() throws {
        let output = try ArchLabRunner.run(["lint", "--course", "valid"])
        XCTAssertEqual(output.status, 0, output.stderr)
        XCTAssertEqual(output.stdout, "lint: no findings\n")
    }

    func testShippedCourseLintsClean() throws {
        let root = ArchLabRunner.packageRoot
        let output = try ArchLabRunner.run(["lint"], in: root)
        XCTAssertEqual(output.status, 0, output.stdout + output.stderr)
    }

    func testBrokenCourseReportsFileLineColumnAndExitsOne() throws {
        let output = try ArchLabRunner.run(["lint", "--course", "broken"])
        XCTAssertEqual(output.status, 1)
        XCTAssertTrue(output.stdout.contains("Quizzes/01-caching.toml:4:8: error: TOML syntax error"), output.stdout)
        XCTAssertTrue(
            output.stdout.contains("Lessons/01-caching.md:6:1: error: lesson `caching`: quiz `caching` does not exist"))
    }

    func testJSONFormatIsAnArrayOfFindings() throws {
        let output = try ArchLabRunner.run(["lint", "--course", "broken", "--format", "json"])
        XCTAssertEqual(output.status, 1)
        let findings = try XCTUnwrap(
            try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [[String: Any]])
        XCTAssertEqual(findings.count, 2)
        XCTAssertEqual(findings.map { $0["file"] as? String }, ["Lessons/01-caching.md", "Quizzes/01-caching.toml"])
        XCTAssertEqual(findings.map { $0["line"] as? Int }, [6, 4])
        XCTAssertEqual(findings.map { $0["code"] as? String }, ["dangling-reference", "toml-syntax"])
        let clean = try ArchLabRunner.run(["lint", "--course", "valid", "--format", "json"])
        XCTAssertEqual(clean.stdout, "[]\n")
        XCTAssertEqual(clean.status, 0)
    }

    func testNoCourseExitsTwoWithAReason() throws {
        let output = try ArchLabRunner.run(["lint"], in: URL(fileURLWithPath: "/"))
        XCTAssertEqual(output.status, 2)
        XCTAssertTrue(output.stderr.contains("no course found"), output.stderr)
        let missing = try ArchLabRunner.run(["lint", "--course", "does-not-exist"])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("not a course directory"))
    }

    func testCourseIsFoundFromTheEnvironmentAndFromAncestors() throws {
        let valid = try ArchLabRunner.fixtures.appendingPathComponent("valid")
        let byEnvironment = try ArchLabRunner.run(
            ["lint"], in: URL(fileURLWithPath: "/"), environment: ["ARCHLAB_COURSE": valid.path])
        XCTAssertEqual(byEnvironment.status, 0, byEnvironment.stderr)
        let byAncestor = try ArchLabRunner.run(["lint"], in: valid.appendingPathComponent("Sources"))
        XCTAssertEqual(byAncestor.status, 0, byAncestor.stderr)
    }

    func testNoSubcommandOpensTheREPL() throws {
        let database = FileManager.default.temporaryDirectory.appendingPathComponent(
            "overview-\(UUID().uuidString).sqlite")
        defer { try? FileManager.default.removeItem(at: database) }
        let output = try ArchLabRunner.run(["--course", "valid", "--db", database.path, "--learner", "ada"])
        XCTAssertEqual(output.status, 0, output.stderr)
        XCTAssertTrue(output.stdout.hasPrefix("CACHE /// LIMIT\nTiny Course — Fixture\n"), output.stdout)
        XCTAssertTrue(output.stdout.contains("Type \"help\" for commands."))
    }
}
