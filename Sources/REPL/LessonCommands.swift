import CourseKit
import ProgressStore
import Terminal

/// `lessons`, `open`, `next`, `back`, `page` and `code`: reading the course page by page.
enum LessonCommands {
    static var all: [ReplCommand] { [lessons, open, next, back, page, code] }

    static func lessonCompletions(_ session: ReplSession, _ previous: [String]) -> [String] {
        guard previous.isEmpty else { return [] }
        return session.course.lessons.map { String($0.number) } + session.course.lessons.map(\.id)
    }

    static var lessons: ReplCommand {
        ReplCommand(
            name: "lessons", usage: "lessons", summary: "The lessons and where you stand in each",
            help:
                """
                    Shows each lesson, with its one-line summary, as done (its Matrix node is unlocked), current (you \
                    are reading it), open, or locked — with the node that is missing and the lesson that unlocks it. \
                    A lesson whose System Check you passed says what its node still needs (its exercise).
                    """
        ) { session, _ in
            let records = try session.learnerRecords()
            let unlocked = records.unlockedNodeIDs
            for lesson in session.course.lessons {
                let availability = session.course.availability(of: lesson, unlocked: unlocked)
                var status: String
                if availability.completed {
                    status = session.painter.paint("done", .green)
                } else if availability.isOpen || lesson.id == session.currentLesson?.id {
                    status =
                        lesson.id == session.currentLesson?.id
                        ? session.painter.paint("current", .yellow, .bold) : session.painter.paint("open", .yellow)
                    // System Check passed, node still locked: say what else the node needs (its exercise).
                    if availability.isOpen, records.passedQuizIDs.contains(lesson.quiz) {
                        let needs = session.needsText(session.needs(of: lesson.node, records: records))
                        if !needs.isEmpty { status += " — System Check passed; still to do: " + needs }
                    }
                } else {
                    status =
                        session.painter.paint("locked", .gray) + " — " + missingText(availability, session: session)
                }
                let marker = lesson.id == session.currentLesson?.id ? "▸" : " "
                session.say("\(marker) \(lesson.number). \(lesson.title) (\(lesson.minutes) min) — \(status)")
                if let summary = lesson.summary {
                    // The summary under the title, indented past "▸ 8. ", so the list reads as an outline.
                    let pad = String(repeating: " ", count: 4 + String(lesson.number).count)
                    for line in ReplSession.hangingWrap(summary, width: session.width - pad.count, indent: 0) {
                        session.say(pad + session.painter.paint(line, .dim))
                    }
                }
            }
            return .succeeded
        }
    }

    static func missingText(_ availability: LessonAvailability, session: ReplSession) -> String {
        let records =
            (try? session.learnerRecords())
            ?? LearnerRecords(passedQuizIDs: [], ranLabIDs: [], unlockedNodeIDs: [], passedExerciseIDs: [])
        return availability.missing.map { missing in
            var needs = session.needs(of: missing.nodeID, records: records)
            needs.nodes = []
            let text = session.needsText(needs)
            return "needs \(missing.title)" + (text.isEmpty ? "" : " (\(text))")
        }.joined(separator: "; ")
    }

    static func findLesson(_ text: String, in session: ReplSession) throws -> Lesson {
        let course = session.course
        if let number = Int(text), let lesson = course.lesson(number: number) { return lesson }
        if let lesson = course.lesson(id: text.lowercased()) { return lesson }
        let matches = course.lessons.filter { $0.id.hasPrefix(text.lowercased()) }
        if matches.count == 1, let lesson = matches.first { return lesson }
        throw ReplError.message(
            """
                No lesson `\(ControlCharacters.strip(text))`: use a number from 1 to \(course.lessons.count) or an id \
                from `lessons`.
                """
        )
    }

    static var open: ReplCommand {
        ReplCommand(
            name: "open", usage: "open <n|id>", summary: "Open a lesson (at the page you left it)",
            help:
                """
                    `open 2` or `open exact-caching` opens a lesson where you left it; `open` alone reopens the lesson \
                    you are reading. A locked lesson says which Matrix node is missing and which lesson unlocks it.
                    """,
            completer: lessonCompletions
        ) { session, arguments in
            let lesson: Lesson
            if let text = arguments.words.first {
                lesson = try findLesson(text, in: session)
            } else if let current = session.currentLesson {
                lesson = current
            } else {
                throw ReplError.usage("open <n|id> — for example `open 1`")
            }
            let availability = try session.availability(of: lesson)
            guard availability.isOpen else {
                throw ReplError.message(
                    """
                        Lesson \(lesson.number) “\(lesson.title)” is locked: it \
                        \(missingText(availability, session: session)).
                        """
                )
            }
            let saved = try session.store.readingPosition(learner: session.learner, lessonID: lesson.id)
            try session.showPage(of: lesson, page: saved?.page ?? 0)
            return .succeeded
        }
    }

    static var next: ReplCommand {
        ReplCommand(
            name: "next", aliases: ["n"], usage: "next", summary: "The next page",
            help:
                """
                    Goes to the next page of the lesson you are reading. After the last page, take the System Check \
                    with `quiz`.
                    """
        ) { session, _ in
            let lesson = try currentLesson(session)
            guard session.currentPage + 1 < lesson.pages.count else {
                var text = "That was the last page of lesson \(lesson.number). Take its System Check with `quiz`"
                if let following = session.course.lesson(number: lesson.number + 1) {
                    text += ", then `open \(following.number)` for “\(following.title)”"
                }
                session.sayWrapped(text + ".")
                return .succeeded
            }
            try session.showPage(of: lesson, page: session.currentPage + 1)
            return .succeeded
        }
    }

    static var back: ReplCommand {
        ReplCommand(
            name: "back", aliases: ["b"], usage: "back", summary: "The previous page",
            help: "Goes back one page in the lesson you are reading."
        ) { session, _ in
            let lesson = try currentLesson(session)
            guard session.currentPage > 0 else {
                throw ReplError.message("Already on the first page of lesson \(lesson.number).")
            }
            try session.showPage(of: lesson, page: session.currentPage - 1)
            return .succeeded
        }
    }

    static var page: ReplCommand {
        ReplCommand(
            name: "page", usage: "page [n]", summary: "Go to page n (or show this page again)",
            help: "`page 3` jumps to page 3 of the lesson you are reading; `page` alone shows the current page again.",
            completer: { session, previous in
                guard previous.isEmpty, let lesson = session.currentLesson else { return [] }
                return lesson.pages.indices.map { String($0 + 1) }
            }
        ) { session, arguments in
            let lesson = try currentLesson(session)
            guard let text = arguments.words.first else {
                try session.showPage(of: lesson, page: session.currentPage)
                return .succeeded
            }
            guard let number = Int(text), number >= 1, number <= lesson.pages.count else {
                throw ReplError.message(
                    """
                        No page `\(ControlCharacters.strip(text))`: lesson \(lesson.number) has pages 1 to \
                        \(lesson.pages.count).
                        """
                )
            }
            try session.showPage(of: lesson, page: number - 1)
            return .succeeded
        }
    }

    static var code: ReplCommand {
        ReplCommand(
            name: "code", usage: "code", summary: "This step's server.swift code",
            help:
                """
                    Prints the Swift code of the lesson you are reading, this step of `server.swift`, without the \
                    prose around it.
                    """
        ) { session, _ in
            let lesson = try currentLesson(session)
            let blocks = lesson.pages.flatMap { page in
                MarkdownParser.parse(page.markdown).compactMap { block -> (String, [String])? in
                    if case let .code(language, lines) = block, language.lowercased() == "swift" {
                        return (page.title, lines)
                    }
                    return nil
                }
            }
            guard !blocks.isEmpty else {
                throw ReplError.message("Lesson \(lesson.number) has no Swift code.")
            }
            session.say(session.painter.paint("server.swift — step \(lesson.step): \(lesson.title)", .bold))
            var lastTitle = ""
            for (title, lines) in blocks {
                if title != lastTitle {
                    session.say("")
                    session.say(session.painter.paint("// \(title)", .gray))
                    lastTitle = title
                }
                session.show(markdown: "```swift\n" + lines.joined(separator: "\n") + "\n```")
            }
            return .succeeded
        }
    }

    static func currentLesson(_ session: ReplSession) throws -> Lesson {
        guard let lesson = session.currentLesson else {
            throw ReplError.message("No lesson is open. Type `open 1` to start, or `lessons` to choose.")
        }
        return lesson
    }
}

extension ReplSession {
    /// Shows one page of a lesson and saves it as the reading position.
    func showPage(of lesson: Lesson, page: Int) throws {
        guard !lesson.pages.isEmpty else {
            throw ReplError.message("Lesson \(lesson.number) has no pages.")
        }
        let index = min(max(page, 0), lesson.pages.count - 1)
        currentLesson = lesson
        currentPage = index
        try store.setReadingPosition(learner: learner, lessonID: lesson.id, page: index)
        let boxes =
            lesson.pages[index].exercises.isEmpty
            ? ExerciseBoxContext.newLearner
            : ExerciseBoxContext.reading(
                workspace: try store.workspace(learner: learner),
                passed: try store.passedExerciseIDs(learner: learner), course: course)
        for text in PageView(painter: painter, width: width).writes(
            lesson: lesson, page: index, lessonCount: course.lessons.count, exercises: course.exercises, boxes: boxes)
        {
            say(text)
        }
    }
}
