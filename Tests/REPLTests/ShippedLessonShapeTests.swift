import CourseKit
import Foundation
import Terminal
import XCTest

/// The shipped lessons stay a comparable size, and what the REPL draws of them fits an 80-column
/// terminal: tables keep their columns aligned, code never runs past the edge.
final class ShippedLessonShapeTests: XCTestCase {
    private var root: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    private func lessonFiles() throws -> [URL] {
        let folder = root.appendingPathComponent("Lessons")
        return try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
            .filter { $0.hasSuffix(".md") && $0.first?.isNumber == true }
            .map { folder.appendingPathComponent($0) }
    }

    /// No lesson is more than 1.6 times the median lesson's word count (words as `wc -w` counts them).
    func testNoLessonIsOverOnePointSixTimesTheMedianLength() throws {
        let files = try lessonFiles()
        XCTAssertGreaterThanOrEqual(files.count, 8)
        var words: [String: Int] = [:]
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            words[file.lastPathComponent] = text.split(whereSeparator: \.isWhitespace).count
        }
        let sorted = words.values.sorted()
        let middle = sorted.count / 2
        let median = sorted.count % 2 == 1 ? Double(sorted[middle]) : Double(sorted[middle - 1] + sorted[middle]) / 2
        for (name, count) in words.sorted(by: { $0.key < $1.key }) {
            XCTAssertLessThanOrEqual(
                Double(count), 1.6 * median,
                "\(name) has \(count) words, more than 1.6 × the median lesson's \(median): cut it or split it")
        }
    }

    /// Every table of every lesson renders at 80 columns with all its lines the same width (so its
    /// column rules line up), and every rendered line fits in 80 columns.
    func testTablesRenderAlignedAndEveryLineFitsAtEightyColumns() throws {
        let course = try Course.load(from: root)
        let renderer = MarkdownRenderer(painter: .plain, width: 80)
        var tablesInLessonThree = 0
        for lesson in course.lessons {
            for page in lesson.pages {
                let lines = renderer.renderLines(page.markdown)
                var table: [String] = []
                var inTable = false
                for line in lines {
                    let place = "\(lesson.relativePath), \(page.title)"
                    XCTAssertLessThanOrEqual(DisplayWidth.of(line), 80, "\(place): \(line)")
                    if line.hasPrefix("┌") { inTable = true }
                    guard inTable else { continue }
                    table.append(line)
                    guard line.hasPrefix("└") else { continue }
                    inTable = false
                    let widths = Set(table.map(DisplayWidth.of))
                    XCTAssertEqual(widths.count, 1, "\(place):\n" + table.joined(separator: "\n"))
                    if lesson.step == 3 { tablesInLessonThree += 1 }
                    table = []
                }
            }
        }
        XCTAssertEqual(tablesInLessonThree, 2, "lesson 3 shows its cosines and its side-by-side as tables")
    }
}
