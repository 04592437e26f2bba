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
    /// `index` must be a valid page index of `lesson`. Each `{{#exercise ID}}` of the page becomes the box of that
    /// exercise of `exercises`, as `boxes` says for the learner.
    public func writes(
        lesson: Lesson, page index: Int, lessonCount: Int, exercises: [Exercise] = [],
        boxes: ExerciseBoxContext = .newLearner
    ) -> [String] {
        let content = lesson.pages[index]
        let position =
            "Lesson \(lesson.number)/\(lessonCount) · \(lesson.title) · "
            + "page \(index + 1)/\(lesson.pages.count)"
        let more =
            index + 1 < lesson.pages.count
            ? "`next` for page \(index + 2)" : "last page: `quiz` for the System Check"
        let renderer = MarkdownRenderer(painter: painter, width: width)
        let heading = "## " + content.title + "\n\n"
        var body: [String] = []
        if index == 0, let objectives = Self.objectivesMarkdown(lesson) {
            body.append(renderer.render(objectives))
        }
        for (number, segment) in content.segments.enumerated() {
            switch segment {
            case .markdown(let markdown):
                body.append(renderer.render((number == 0 ? heading : "") + markdown))
            case .exercise(let id):
                if number == 0 { body.append(renderer.render(heading)) }
                if let exercise = exercises.first(where: { $0.id == id }) {
                    body.append(
                        ExerciseBox(painter: painter, width: width).lines(exercise, context: boxes).joined(
                            separator: "\n"))
                } else {
                    body.append(renderer.render("(exercise `\(id)`)"))
                }
            }
        }
        return [
            painter.paint(position, .dim),
            body.joined(separator: "\n\n"),
            "",
            painter.paint("── \(more) · `back` · `page N` · `help`", .dim),
        ]
    }

    /// "By the end of this lesson you can:" and the lesson's `objectives` as a list, or nil when it has none.
    public static func objectivesMarkdown(_ lesson: Lesson) -> String? {
        guard !lesson.objectives.isEmpty else { return nil }
        return "**By the end of this lesson you can:**\n\n"
            + lesson.objectives.map { "- " + $0 }.joined(separator: "\n")
    }
}
