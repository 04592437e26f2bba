import ArchLabTesting
import CourseKit
import ProgressStore
import REPL
import Terminal
import XCTest

/// With colour on, the REPL's own colour codes are the only escape sequences a learner's terminal receives: every
/// piece of course text (here each one carrying a title change, a screen clear, a C1 CSI and a bidi override) is
/// sanitised when the session opens, before the renderer paints it.
final class HostileCourseTextTests: XCTestCase {
    private static let hostile = "\u{1B}]0;pwned\u{07}\u{1B}[2J\u{9B}5m\u{202E}"

    func testOnlyTheRenderersColourCodesReachTheTerminal() async throws {
        let harness = try ReplHarness()
        let course = harness.course.mappingDisplayText { $0 + Self.hostile }
        let quiz = try XCTUnwrap(course.quizzes.first)
        let output = BufferReplOutput()
        let lines = ["lessons", "open 1", "next", "glossary", "faq", "faq 1", "matrix", "quiz \(quiz.id)", "hint"]
        let editor = ScriptedLineEditor(lines.map(LineInput.line), interactive: false)
        let configuration = ReplConfiguration(
            course: course, store: harness.store, learnerName: "ada", painter: Painter(colorEnabled: true), width: 80,
            seed: harness.seed)
        let session = try ReplSession(configuration: configuration, editor: editor, output: output)
        _ = await session.run()
        let colourCodes = try NSRegularExpression(pattern: "\u{1B}\\[[0-9;]*m")
        let text = output.text
        let withoutColour = colourCodes.stringByReplacingMatches(
            in: text, range: NSRange(text.startIndex..., in: text), withTemplate: "")
        XCTAssertNotEqual(withoutColour, text, "the renderer painted nothing")
        for scalar in ["\u{1B}", "\u{07}", "\u{9B}", "\u{202E}"] as [Unicode.Scalar] {
            let name = "U+" + String(scalar.value, radix: 16)
            XCTAssertFalse(withoutColour.unicodeScalars.contains(scalar), "\(name) reached the terminal")
        }
        let prompt = try XCTUnwrap(harness.course.quiz(id: quiz.id)?.questions.first?.prompt)
        XCTAssertTrue(withoutColour.contains(prompt), withoutColour)
    }
}
