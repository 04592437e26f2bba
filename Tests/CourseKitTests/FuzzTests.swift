import Foundation
import SeededRandom
import XCTest

@testable import CourseKit

/// Random bytes and random cuts in every kind of course file must give findings, never a crash.
final class FuzzTests: XCTestCase {
    func testRandomBytesInEveryFileKindGiveFindingsNotCrashes() throws {
        let files = [
            "Lessons/course.toml", "Lessons/01-caching.md", "Quizzes/01-caching.toml", "Lessons/glossary.toml",
            "Lessons/faq.toml", "Sources/Stage.swift",
        ]
        var generator = SplitMix64(seed: 2026)
        let course = try Fixtures.copyOfValid()
        defer { try? FileManager.default.removeItem(at: course) }
        for round in 0..<24 {
            let file = files[round % files.count]
            let original = try Data(contentsOf: course.appendingPathComponent(file))
            var bytes = [UInt8](original)
            switch round % 3 {
            case 0:
                bytes = (0..<Int(generator.next() % 400)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            case 1:
                for _ in 0..<8 where !bytes.isEmpty {
                    bytes[Int(generator.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: generator.next())
                }
            default:
                bytes = Array(bytes.prefix(Int(generator.next() % UInt64(max(bytes.count, 1)))))
            }
            try Data(bytes).write(to: course.appendingPathComponent(file))
            let result = try CourseLoader.load(directory: course)
            _ = LintReport.render(result.findings, format: .json)
            try original.write(to: course.appendingPathComponent(file))
        }
        XCTAssertEqual(try CourseLoader.load(directory: course).findings, [])
    }

    func testRandomTypedAnswersNeverCrashTheParser() throws {
        let quizzes = try Fixtures.loadValid().quizzes
        var generator = SplitMix64(seed: 9)
        let alphabet = Array("ab c12 3.e-,sx\u{0}é🙂 ")
        for _ in 0..<500 {
            let text = String(
                (0..<Int(generator.next() % 12)).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
            for question in quizzes.flatMap(\.questions) {
                if let response = try? question.parseResponse(text, seed: generator.next()) {
                    _ = question.grade(response)
                }
            }
        }
    }
}

/// Hostile values that once could trap: brackets in keys, huge numbers, non-finite points.
final class HostileValueTests: XCTestCase {
    func testHostileKeysAndNumbersGiveFindings() throws {
        let course = try Fixtures.copyOfValid()
        defer { try? FileManager.default.removeItem(at: course) }
        let quiz = try String(contentsOf: course.appendingPathComponent("Quizzes/01-caching.toml"), encoding: .utf8)
        try Fixtures.write(
            quiz.replacingOccurrences(of: "points = 2", with: "points = inf\n\"a]b[c\" = 1\n\"x[0]\" = 2"),
            to: "Quizzes/01-caching.toml", in: course)
        let manifest = try String(contentsOf: course.appendingPathComponent("Lessons/course.toml"), encoding: .utf8)
        try Fixtures.write(
            manifest.replacingOccurrences(of: "at = [2, 0]", with: "at = [9223372036854775807, 0]"),
            to: "Lessons/course.toml", in: course)
        let findings = try CourseLoader.load(directory: course).findings
        XCTAssertEqual(findings.map(\.code).sorted(), ["invalid-value", "invalid-value", "unknown-key", "unknown-key"])
        XCTAssertEqual(GradeFormat.points(.infinity), "inf")
    }
}
