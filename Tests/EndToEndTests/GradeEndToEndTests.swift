import Foundation
import TestSupport
import XCTest

final class GradeEndToEndTests: XCTestCase {
    private let files = ["answers/perfect.toml", "answers/empty.toml", "answers/partial.toml"]

    private func golden(_ name: String) throws -> String {
        try String(contentsOf: try ArchLabRunner.fixtures.appendingPathComponent("golden/\(name)"), encoding: .utf8)
    }

    func testExitCodesFollowThePassMarks() throws {
        XCTAssertEqual(try ArchLabRunner.run(["grade", "--course", "valid", "answers/perfect.toml"]).status, 0)
        XCTAssertEqual(try ArchLabRunner.run(["grade", "--course", "valid", "answers/empty.toml"]).status, 1)
        XCTAssertEqual(try ArchLabRunner.run(["grade", "--course", "valid", "answers/partial.toml"]).status, 1)
        XCTAssertEqual(
            try ArchLabRunner.run(["grade", "--course", "valid", "answers/partial.toml", "--quiz", "limits"]).status, 0)
        XCTAssertEqual(
            try ArchLabRunner.run(["grade", "--course", "valid", "answers/partial.toml", "--min-score", "30%"]).status,
            0)
        XCTAssertEqual(
            try ArchLabRunner.run(["grade", "--course", "valid", "answers/partial.toml", "--min-score", "0.5"]).status,
            1)
    }

    func testMalformedFilesExitTwoWithTheirLocation() throws {
        let syntax = try ArchLabRunner.run(["grade", "--course", "valid", "answers/syntax-error.toml"])
        XCTAssertEqual(syntax.status, 2)
        XCTAssertTrue(
            syntax.stderr.hasPrefix("answers/syntax-error.toml:4:13: error: TOML syntax error"), syntax.stderr)
        let unknown = try ArchLabRunner.run([
            "grade", "--course", "valid", "answers/perfect.toml", "answers/unknown-question.toml",
        ])
        XCTAssertEqual(unknown.status, 2)
        XCTAssertEqual(
            unknown.stderr,
            "answers/unknown-question.toml:5:1: error: unknown question `retry-after` in quiz `limits`\n")
        let missing = try ArchLabRunner.run(["grade", "--course", "valid", "answers/none.toml"])
        XCTAssertEqual(missing.status, 2)
        XCTAssertEqual(try ArchLabRunner.run(["grade", "--course", "broken", "answers/perfect.toml"]).status, 2)
        XCTAssertEqual(
            try ArchLabRunner.run(["grade", "--course", "valid", "--quiz", "nope", "answers/perfect.toml"]).status, 2)
    }

    func testUsageErrorsKeepArgumentParsersExitCode() throws {
        XCTAssertEqual(try ArchLabRunner.run(["grade", "--course", "valid"]).status, 64)
        XCTAssertEqual(
            try ArchLabRunner.run(["grade", "--course", "valid", "--min-score", "2", "answers/perfect.toml"]).status, 64
        )
        XCTAssertEqual(try ArchLabRunner.run(["grade", "--format", "yaml", "answers/perfect.toml"]).status, 64)
    }

    func testEveryFormatMatchesItsGoldenFile() throws {
        for (format, name) in [
            ("text", "grade.txt"), ("json", "grade.json"), ("junit", "grade.xml"), ("tap", "grade.tap"),
        ] {
            let output = try ArchLabRunner.run(["grade", "--course", "valid", "--format", format] + files)
            XCTAssertEqual(output.status, 1, format)
            XCTAssertEqual(output.stdout, try golden(name), format)
        }
    }

    func testOutputOptionWritesAValidJUnitFile() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-\(UUID().uuidString).xml")
        defer { try? FileManager.default.removeItem(at: file) }
        let output = try ArchLabRunner.run(
            ["grade", "--course", "valid", "--format", "junit", "--output", file.path] + files)
        XCTAssertEqual(output.status, 1)
        XCTAssertEqual(output.stdout, "")
        XCTAssertEqual(try String(contentsOf: file, encoding: .utf8), try golden("grade.xml"))
        let xmllint = URL(fileURLWithPath: "/usr/bin/xmllint")
        try requireTool(
            FileManager.default.isExecutableFile(atPath: xmllint.path),
            "xmllint is not installed (apt-get install libxml2-utils)")
        let process = Process()
        process.executableURL = xmllint
        process.arguments = [
            "--noout", "--schema", try ArchLabRunner.fixtures.appendingPathComponent("junit.xsd").path, file.path,
        ]
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
    }

    func testTemplateFillsInAndGrades() throws {
        let template = try ArchLabRunner.run(["answers", "template", "--course", "valid", "limits"])
        XCTAssertEqual(template.status, 0, template.stderr)
        XCTAssertTrue(template.stdout.contains("[quiz.limits]\n"))
        XCTAssertFalse(template.stdout.contains("[quiz.caching]"))
        let filled = template.stdout
            .replacingOccurrences(of: "learner = \"\"", with: "learner = \"kim\"")
            .replacingOccurrences(of: "steps = []", with: "steps = [\"refill\", \"check\", \"take\"]")
            .replacingOccurrences(of: "refill = \"\"", with: "refill = \"2 s\"")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("kim-\(UUID().uuidString).toml")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(filled.utf8).write(to: file)
        let graded = try ArchLabRunner.run(["grade", "--course", "valid", "--quiz", "limits", file.path])
        XCTAssertEqual(graded.status, 0, graded.stdout + graded.stderr)
        XCTAssertTrue(graded.stdout.contains("kim"))
        XCTAssertEqual(try ArchLabRunner.run(["answers", "template", "--course", "valid", "nope"]).status, 2)
    }
}

final class GradeErrorReportTests: XCTestCase {
    /// A malformed file still appears in the machine-readable report (status `error`), so CI shows it.
    func testMalformedFilesAreReportedAsErrorsInEveryFormat() throws {
        let arguments = ["grade", "--course", "valid", "answers/perfect.toml", "answers/syntax-error.toml"]
        let json = try ArchLabRunner.run(arguments + ["--format", "json"])
        XCTAssertEqual(json.status, 2)
        let document = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(document["status"] as? String, "error")
        let tests = try XCTUnwrap(document["tests"] as? [[String: Any]])
        let error = try XCTUnwrap(tests.last)
        XCTAssertEqual(error["name"] as? String, "answers/syntax-error.toml")
        XCTAssertEqual(error["status"] as? String, "error")
        XCTAssertTrue((error["message"] as? String)?.hasPrefix("answers/syntax-error.toml:4:13: error:") == true)

        let junit = try ArchLabRunner.run(arguments + ["--format", "junit"])
        XCTAssertEqual(junit.status, 2)
        XCTAssertTrue(junit.stdout.contains("errors=\"1\""))
        XCTAssertTrue(
            junit.stdout.contains("<error message=\"answers/syntax-error.toml:4:13: error: TOML syntax error"))
        let tap = try ArchLabRunner.run(arguments + ["--format", "tap"])
        XCTAssertTrue(tap.stdout.contains("not ok 1 - answers/syntax-error.toml"))
        XCTAssertTrue(tap.stdout.contains("1..8"))
        let text = try ArchLabRunner.run(arguments)
        XCTAssertTrue(text.stdout.hasPrefix("answers/syntax-error.toml:4:13: error: TOML syntax error"), text.stdout)
        XCTAssertTrue(text.stdout.hasSuffix("1 of 2 answers files passed\n"), text.stdout)
    }
}

final class GradeFolderTests: XCTestCase {
    /// A folder stands for its `*.toml` files in name order (no argument-list limits for big classes).
    func testAFolderGradesItsAnswersFilesInNameOrder() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("answers-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let answers = try ArchLabRunner.fixtures.appendingPathComponent("answers")
        for (source, target) in [("partial", "b.toml"), ("perfect", "a.toml")] {
            try FileManager.default.copyItem(
                at: answers.appendingPathComponent("\(source).toml"), to: folder.appendingPathComponent(target))
        }
        try Data("not an answers file".utf8).write(to: folder.appendingPathComponent("notes.txt"))
        let output = try ArchLabRunner.run(["grade", "--course", "valid", "--format", "tap", folder.path])
        XCTAssertEqual(output.status, 1, output.stderr)
        XCTAssertTrue(output.stdout.contains("ok 1 - ada/caching/benefit"))
        XCTAssertTrue(output.stdout.contains("not ok 8 - cy/caching/benefit"))
        XCTAssertTrue(output.stdout.hasSuffix("# 1 of 2 answers files passed\n"))
    }
}
