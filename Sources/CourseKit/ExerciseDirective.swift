/// `{{#exercise ID}}` on a line of its own, outside fenced code: where a lesson page shows its exercise as a box
/// (the exercise's title, what to build, the learner's file or how to start it, and whether it has passed).
/// The box depends on the learner, so the page keeps the line and the REPL and `archlab preview` draw it.
public struct ExerciseDirective: Sendable, Hashable {
    /// The exercise id the directive names.
    public let exerciseID: String
    /// 1-based line of the directive in the lesson file.
    public let line: Int
    /// 1-based column where `{{#exercise` starts.
    public let column: Int

    public init(exerciseID: String, line: Int, column: Int) {
        self.exerciseID = exerciseID
        self.line = line
        self.column = column
    }

    /// The id named when `line` is an exercise directive (`""` for one without an id), else nil.
    public static func exerciseID(in line: String) -> String? {
        let trimmed = line.trimmingWhitespace()
        let opening = "{{#exercise"
        guard trimmed.hasPrefix(opening), trimmed.hasSuffix("}}"), trimmed.count >= opening.count + 2 else {
            return nil
        }
        let inner = trimmed.dropFirst(opening.count).dropLast(2)
        guard inner.isEmpty || inner.first?.isWhitespace == true else { return nil }
        return String(inner).trimmingWhitespace()
    }
}

/// A piece of a lesson page as it is shown: Markdown, or the box of the exercise a directive names.
public enum LessonPageSegment: Sendable, Hashable {
    case markdown(String)
    case exercise(String)
}

extension LessonPage {
    /// The page split at its exercise directives (lines outside fenced code), in order, with blank lines around
    /// a directive dropped; a page without one is a single `.markdown`.
    public var segments: [LessonPageSegment] {
        guard markdown.contains("{{#exercise") else { return [.markdown(markdown)] }
        var segments: [LessonPageSegment] = []
        var pending: [String] = []
        var fence: String?

        func flush() {
            while let first = pending.first, first.allSatisfy(\.isWhitespace) { pending.removeFirst() }
            while let last = pending.last, last.allSatisfy(\.isWhitespace) { pending.removeLast() }
            if !pending.isEmpty { segments.append(.markdown(pending.joined(separator: "\n"))) }
            pending = []
        }

        for line in markdown.lines() {
            let trimmed = line.trimmingWhitespace()
            if let open = fence {
                if trimmed.hasPrefix(open) { fence = nil }
            } else if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                fence = String(trimmed.prefix(3))
            } else if let id = ExerciseDirective.exerciseID(in: line), !id.isEmpty {
                flush()
                segments.append(.exercise(id))
                continue
            }
            pending.append(line)
        }
        flush()
        return segments.isEmpty ? [.markdown("")] : segments
    }
}
