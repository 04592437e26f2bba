import CourseKit
import Foundation
import Terminal

/// What a lesson page's exercise box (`{{#exercise ID}}`) says for one learner: whether they have a workspace and
/// the exercise's file in it, and whether the exercise has passed. `archlab preview` shows a new learner's box.
public struct ExerciseBoxContext: Sendable {
    /// The learner's remembered `server-swift` workspace, nil before `exercise start`.
    public var workspace: String?
    /// Ids of the exercises the learner has passed.
    public var passed: Set<String>
    /// Learner file names (`TokenBucket.swift`) present in the workspace's `Sources/ServerSwift/`.
    public var files: Set<String>

    public init(workspace: String? = nil, passed: Set<String> = [], files: Set<String> = []) {
        self.workspace = workspace
        self.passed = passed
        self.files = files
    }

    /// A learner who has started nothing (and `archlab preview`).
    public static let newLearner = ExerciseBoxContext()

    /// The context of a workspace on disk: which of the course's learner files it holds.
    public static func reading(workspace: String?, passed: Set<String>, course: Course) -> ExerciseBoxContext {
        guard let workspace else { return ExerciseBoxContext(passed: passed) }
        let folder = URL(fileURLWithPath: workspace).appendingPathComponent("Sources/ServerSwift")
        let files = course.exercises.map(\.file).filter {
            FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path)
        }
        return ExerciseBoxContext(workspace: workspace, passed: passed, files: Set(files))
    }
}

/// Draws the box of one exercise on a lesson page: its title, what to build, the learner's file (or how to start
/// the workspace), and its status. A bar on the left only, so a long path never breaks the frame.
struct ExerciseBox {
    let painter: Painter
    let width: Int

    func lines(_ exercise: Exercise, context: ExerciseBoxContext) -> [String] {
        let id = exercise.id
        let relative = "Sources/ServerSwift/\(exercise.file)"
        let inline = InlineMarkdown(colorEnabled: painter.colorEnabled)
        var rows: [[StyledRun]] = []
        if let summary = exercise.summary.map(ControlCharacters.sanitize) {
            rows.append(inline.runs("**Build:** \(summary)"))
        }
        let start = "`exercise start \(id)` (in a shell: `archlab exercise start \(id)`)"
        if exercise.isCapstone {
            let folder = context.workspace.map { ControlCharacters.strip($0) + "/Sources/ServerSwift" }
            rows.append(
                inline.runs("**Your gateway:** every file of ")
                    + [StyledRun(folder ?? "Sources/ServerSwift")]
                    + inline.runs(
                        folder == nil
                            ? " in your `server-swift` workspace, once you have started every exercise."
                            : ", built together; it joins your workspace once every exercise is started."))
        } else if let workspace = context.workspace.map(ControlCharacters.strip) {
            // The path is plain text: a `*` or `` ` `` in it is not Markdown.
            let path = StyledRun(workspace + "/" + relative)
            if context.files.contains(exercise.file) {
                rows.append(inline.runs("**Your file:** ") + [path])
            } else {
                rows.append(inline.runs("**Your file:** ") + [path] + inline.runs(", not there yet: \(start) adds it."))
            }
        } else {
            rows.append(
                inline.runs("**Your file:** `\(relative)` of your `server-swift` workspace, not started yet: \(start).")
            )
        }
        if context.passed.contains(id) {
            rows.append(inline.runs("**Status:** ") + [StyledRun("passed ✓", [.green, .bold])])
        } else if exercise.isCapstone {
            rows.append(
                inline.runs("**Status:** not passed yet: `check \(id)` (in a shell: `archlab check \(id)`) runs it."))
        } else {
            rows.append(
                inline.runs("**Status:** not passed yet: `check` (in a shell: `archlab check \(id)`) runs its tests."))
        }
        let bar = painter.paint("│", .cyan)
        let wrapper = WordWrapper(painter: painter)
        let title = ControlCharacters.sanitize(exercise.title)
        var lines = [painter.paint("┌─ ", .cyan) + painter.paint("Exercise · \(title)", .bold)]
        for row in rows {
            for line in wrapper.wrap(row, width: max(width - 2, 20)) { lines.append(bar + " " + line) }
        }
        lines.append(painter.paint("└─", .cyan))
        return lines
    }
}
