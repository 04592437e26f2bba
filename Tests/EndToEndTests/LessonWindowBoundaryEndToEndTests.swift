import Foundation
import XCTest

/// Lesson 8's curl loop can straddle a window boundary and see a sixth 200; the lesson explains it
/// with numbers its own `limit simulate` line reproduces.
final class LessonWindowBoundaryEndToEndTests: XCTestCase {
    func testLessonEightsBoundaryExampleIsWhatTheSimulationDecides() throws {
        let lesson = try String(
            contentsOf: ArchLabRunner.packageRoot.appendingPathComponent("Lessons/08-http-429.md"), encoding: .utf8)
        let explained = try XCTUnwrap(lesson.range(of: "**A sixth `200`?**"), "lesson 8 explains a sixth 200")
        let after = lesson[explained.upperBound...]
        let text = after.replacingOccurrences(of: "\n  ", with: " ")
        XCTAssertTrue(text.contains("floor(0.95 × 3) = 2"), text)
        XCTAssertTrue(text.contains("6 allowed, `RateLimit-Remaining` 4, 3, 2, then 2, 1, 0, and one 429."), text)
        let afterLines = after.split(separator: "\n").map(String.init)
        let first = try XCTUnwrap(
            afterLines.firstIndex { $0.hasPrefix("$ archlab limit simulate") }, "the lesson gives the command")
        // A long command continues on the next line after ` \`.
        var command = afterLines[first]
        var next = first + 1
        while command.hasSuffix(" \\"), next < afterLines.count {
            command = String(command.dropLast(2)) + " " + afterLines[next].trimmingCharacters(in: .whitespaces)
            next += 1
        }
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = ["-c", "\"$ARCHLAB\"" + command.dropFirst("$ archlab".count)]
        var environment = ProcessInfo.processInfo.environment
        environment["ARCHLAB"] = try ArchLabRunner.binary.path
        shell.environment = environment
        let output = try ArchLabRunner.capture(shell)
        XCTAssertEqual(output.status, 0, output.stderr)
        let document = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any]
        let algorithms = try XCTUnwrap(document?["algorithms"] as? [[String: Any]])
        let decisions = try XCTUnwrap(algorithms.first?["decisions"] as? [[String: Any]])
        XCTAssertEqual(decisions.map { $0["allowed"] as? Bool }, [true, true, true, true, true, true, false])
        XCTAssertEqual(decisions.map { $0["remaining"] as? Int }, [4, 3, 2, 2, 1, 0, 0])
    }
}
