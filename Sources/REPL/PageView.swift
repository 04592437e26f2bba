import CourseKit
import Terminal

/// What the REPL prints for one page of a lesson: the position line, the rendered page and the footer.
/// `ReplSession.showPage` and `archlab preview` both print it, so a preview is the learner's screen.
public struct PageView {
    public let painter: Painter
    public let width: Int

    public init(painter: Painter, width: Int) {
        self.painter = painter
        self.width = width
    }

    /// The page's output, one element per write (a rendered Markdown block may hold several lines).
    /// `index` must be a valid page index of `lesson`.
    public func writes(lesson: Lesson, page index: Int, lessonCount: Int) -> [String] {
        let content = lesson.pages[index]
        let position =
            "Lesson \(lesson.number)/\(lessonCount) · \(lesson.title) · "
            + "page \(index + 1)/\(lesson.pages.count)"
        let more =
            index + 1 < lesson.pages.count
            ? "`next` for page \(index + 2)" : "last page: `quiz` for the System Check"
        return [
            painter.paint(position, .dim),
            MarkdownRenderer(painter: painter, width: width).render("## " + content.title + "\n\n" + content.markdown),
            "",
            painter.paint("── \(more) · `back` · `page N` · `help`", .dim),
        ]
    }
}
