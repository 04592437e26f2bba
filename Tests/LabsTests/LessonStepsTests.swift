import Foundation
import XCTest

/// Each lesson N shows step N of server.swift: its own anchored listing, no other step's.
final class LessonStepsTests: XCTestCase {
    private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The text between `// ANCHOR: name` and `// ANCHOR_END: name`, or nil.
    private func anchored(_ name: String, in source: String) -> String? {
        guard let start = source.range(of: "// ANCHOR: \(name)\n"),
            let end = source.range(of: "// ANCHOR_END: \(name)\n", range: start.upperBound..<source.endIndex)
        else { return nil }
        return String(source[start.upperBound..<end.lowerBound])
    }

    func testLessonNIncludesStepNOfServerSwiftAndNoOtherStep() throws {
        let source = try String(
            contentsOf: root.appendingPathComponent("Sources/Gateway/ServerSwift.swift"), encoding: .utf8)
        let lessons = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("Lessons").path)
        var listings: Set<String> = []
        for step in 1...8 {
            let listing = try XCTUnwrap(anchored("step\(step)", in: source), "ServerSwift.swift has no step\(step)")
            XCTAssertTrue(listing.contains("static func step\(step)("), "step\(step)'s anchor holds step\(step)")
            for line in listing.split(separator: "\n") {
                XCTAssertLessThanOrEqual(line.count, 80, "step\(step) renders a line wider than 80 columns: \(line)")
            }
            listings.insert(listing)
            let name = try XCTUnwrap(lessons.first { $0.hasPrefix(String(format: "%02d-", step)) }, "lesson \(step)")
            let lesson = try String(contentsOf: root.appendingPathComponent("Lessons/\(name)"), encoding: .utf8)
            let included = lesson.matches(of: /\{\{#include \.\.\/Sources\/Gateway\/ServerSwift\.swift:(\w+)\}\}/)
                .map { String($0.output.1) }
            XCTAssertEqual(included, ["step\(step)"], "\(name) shows step \(step) of server.swift, once")
        }
        XCTAssertEqual(listings.count, 8, "eight different listings")
    }
}
