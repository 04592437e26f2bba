import Clocks
import CourseKit
import Foundation
import ProgressStore
import SeededRandom
import Terminal

/// Everything a session needs that the caller decides: the course, the store, who is learning,
/// how output looks, and the seed for shuffling quiz options (injected so tests are deterministic).
public struct ReplConfiguration {
    public var course: Course
    public var courseFindings: Int
    public var store: ProgressStore
    public var learnerName: String
    public var painter: Painter
    public var width: Int
    public var seed: UInt64
    /// When quiz attempts start (the store stamps their finish with its own clock).
    public var clock: any WallClock
    /// The store is a copy that is thrown away (`archlab --read-only`): the start screen says nothing will be
    /// saved, and leaving never claims progress was saved.
    public var discardsProgress = false

    public init(
        course: Course, courseFindings: Int = 0, store: ProgressStore, learnerName: String,
        painter: Painter, width: Int, seed: UInt64, clock: any WallClock = SystemClock()
    ) {
        self.course = course
        self.courseFindings = courseFindings
        self.store = store
        self.learnerName = learnerName
        self.painter = painter
        self.width = width
        self.seed = seed
        self.clock = clock
    }
}

/// One learner's session: reads commands from a ``LineEditor``, runs them through the ``CommandRegistry``
/// and keeps the reading position in the progress store.
public final class ReplSession {
    public let course: Course
    public let store: ProgressStore
    public let registry = CommandRegistry()
    public let output: ReplOutput
    public let painter: Painter
    /// Whether the session works on a throw-away copy of the progress database (`archlab --read-only`).
    public let discardsProgress: Bool
    public let width: Int
    let editor: LineEditor
    let courseFindings: Int
    let clock: any WallClock
    var generator: SplitMix64

    /// The learner whose progress is read and written.
    public internal(set) var learner: Learner
    /// The lesson being read, if any.
    public internal(set) var currentLesson: Lesson?
    /// The zero-based page of ``currentLesson`` being read.
    public internal(set) var currentPage = 0
    /// True once any command failed; a non-interactive session then exits with status 1.
    public private(set) var anyCommandFailed = false

    /// Opens the learner (creating them if new), restores their reading position and registers the core
    /// commands followed by `additionalCommands` (labs' commands).
    public init(
        configuration: ReplConfiguration, editor: LineEditor, output: ReplOutput,
        additionalCommands: [ReplCommand] = []
    ) throws {
        course = configuration.course.mappingDisplayText(ControlCharacters.sanitize)
        store = configuration.store
        painter = configuration.painter
        discardsProgress = configuration.discardsProgress
        width = configuration.width
        courseFindings = configuration.courseFindings
        generator = SplitMix64(seed: configuration.seed)
        clock = configuration.clock
        self.editor = editor
        self.output = output
        // A returning learner is only read: no write transaction (and no fsync) on the way to the first prompt.
        learner = try store.learner(named: configuration.learnerName) ?? store.ensureLearner(configuration.learnerName)
        CoreCommands.register(into: registry)
        for command in additionalCommands { registry.register(command) }
        try restorePosition()
    }

    /// Whether prompts and interactive guidance are shown.
    public var isInteractive: Bool { editor.isInteractive }

    /// `archlab[server.swift 2/8]> `: the step of the lesson being read out of the course's steps.
    public var prompt: String {
        let steps = max(course.lessons.map(\.step).max() ?? 0, course.lessons.count)
        let step = currentLesson?.step ?? course.lessons.first?.step ?? 0
        return "archlab[server.swift \(step)/\(steps)]> "
    }

    /// Shows the start screen, then reads and runs commands until `quit` or the end of input.
    /// Returns the exit status: 1 when not interactive and a command failed, else 0.
    public func run() async -> Int32 {
        StartScreen.show(in: self)
        while true {
            switch editor.readLine(prompt: prompt) {
            case .endOfInput:
                if editor.isInteractive { say(farewell) }
                return exitStatus
            case .interrupted:
                continue
            case .line(var line):
                // A line ending in ` \` continues on the next, as in a shell (lessons wrap long commands so).
                while line.hasSuffix(" \\"), case .line(let more) = editor.readLine(prompt: "... ") {
                    line = String(line.dropLast()) + more.drop { $0 == " " }
                }
                editor.remember(line)
                if await execute(line) == .quit { return exitStatus }
            }
        }
    }

    /// What leaving says: that progress is saved, or with `--read-only` that nothing was.
    var farewell: String {
        let name = ControlCharacters.strip(learner.name)
        if discardsProgress { return "Nothing was saved (read-only session). Bye, \(name)." }
        return "Progress saved. Bye, \(name)."
    }

    private var exitStatus: Int32 {
        !editor.isInteractive && anyCommandFailed ? 1 : 0
    }

    /// Runs one command line; errors are shown and recorded as failures.
    @discardableResult
    public func execute(_ line: String) async -> CommandResult {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty || trimmed.hasPrefix("#") { return .succeeded }
        let words = trimmed.split(whereSeparator: \.isWhitespace).map(String.init)
        let name = words[0]
        guard let command = registry.command(named: name) else {
            let shown = ControlCharacters.strip(name)
            let suggestions = registry.suggestions(for: name)
            let hint =
                suggestions.isEmpty ? "" : " Did you mean \(suggestions.map { "`\($0)`" }.joined(separator: " or "))?"
            return fail(ReplError.message("Unknown command `\(shown)`.\(hint) Type `help` for the list."))
        }
        let rest = String(trimmed.dropFirst(name.count)).trimmingCharacters(in: .whitespaces)
        let arguments = CommandArguments(words: Array(words.dropFirst()), rest: rest)
        do {
            let result = try await command.handler(self, arguments)
            if result == .failed { anyCommandFailed = true }
            return result
        } catch let error as ReplError {
            return fail(error)
        } catch {
            return fail(ReplError.message("\(error)"))
        }
    }

    private func fail(_ error: ReplError) -> CommandResult {
        anyCommandFailed = true
        output.error(painter.paint("error:", .red, .bold) + " " + ControlCharacters.sanitize(error.description))
        return .failed
    }

    /// Completion candidates for the word being typed, given the line before it.
    public func completions(lineBeforeWord: String, word: String) -> [String] {
        let previous = lineBeforeWord.split(whereSeparator: \.isWhitespace).map(String.init)
        guard let name = previous.first else { return registry.allNames.filter { $0.hasPrefix(word) } }
        guard let command = registry.command(named: name) else { return [] }
        return command.completer(self, Array(previous.dropFirst())).filter { $0.hasPrefix(word) }
    }

    /// Reads one line inside a command (quiz answers, confirmations), with its own prompt.
    func readAnswer(prompt: String) -> LineInput {
        editor.readLine(prompt: prompt)
    }

    /// Prints plain text. Without colour no escape sequence is ever meant, so the whole line passes the
    /// sanitiser once more; with colour, course text was sanitised when the session opened and the painter's
    /// codes are the only escapes.
    public func say(_ text: String) {
        output.line(painter.colorEnabled ? text : ControlCharacters.sanitize(text))
    }

    /// Prints a one-line message wrapped at the terminal width, continuation lines indented by
    /// `hangingIndent` columns, so long messages never break in the middle of a word.
    public func sayWrapped(_ text: String, hangingIndent: Int = 2) {
        for line in Self.hangingWrap(text, width: width, indent: hangingIndent) { say(line) }
    }

    /// Plain `text` in lines of at most `width` columns (a longer word keeps its own line), every
    /// line after the first indented by `indent` columns.
    static func hangingWrap(_ text: String, width: Int, indent: Int) -> [String] {
        let wrapper = WordWrapper(painter: Painter(colorEnabled: false))
        let words = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard let head = wrapper.wrap(text, width: max(width, 10)).first else { return [""] }
        let taken = head.split(separator: " ", omittingEmptySubsequences: true).count
        guard taken < words.count else { return [head] }
        let indent = min(max(indent, 0), max(width / 2, 0))
        let pad = String(repeating: " ", count: indent)
        let rest = wrapper.wrap(words.dropFirst(taken).joined(separator: " "), width: max(width - indent, 10))
        return [head] + rest.map { pad + $0 }
    }

    /// Prints Markdown rendered for the terminal.
    public func show(markdown: String) {
        say(MarkdownRenderer(painter: painter, width: width).render(markdown))
    }

    /// Reopens the lesson read most recently, at its saved page.
    func restorePosition() throws {
        let positions = try store.lessonProgress(learner: learner)
        let latest = positions.max { ($0.updatedAt, number(of: $0.lessonID)) < ($1.updatedAt, number(of: $1.lessonID)) }
        if let latest, let lesson = course.lesson(id: latest.lessonID) {
            currentLesson = lesson
            currentPage = min(latest.page, max(lesson.pages.count - 1, 0))
        } else {
            currentLesson = nil
            currentPage = 0
        }
    }

    private func number(of lessonID: String) -> Int {
        course.lesson(id: lessonID)?.number ?? 0
    }
}
