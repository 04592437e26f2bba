import CourseKit
import Terminal

/// `quiz` (the System Check) and `hint` (which only means something inside a quiz).
enum QuizCommands {
    static var all: [ReplCommand] { [quiz, hint] }

    static var quiz: ReplCommand {
        ReplCommand(
            name: "quiz", usage: "quiz [n|id]", summary: "Take the System Check of the lesson you are reading",
            help: """
                Asks the lesson's System Check one question at a time. Answer with the letter of an option (`b`), \
                several letters (`a c`), a word, a number with or without its unit (`5 s`), or an order (`3 1 2`). \
                Type `hint` for a hint (hints are recorded). Ctrl-C or Ctrl-D abandons the attempt without recording \
                it. \
                Passing unlocks the lesson's node in the Architect Matrix. `quiz 2` or `quiz exact-caching` takes \
                another open lesson's check; with no lesson open, `quiz` takes lesson 1's. `quiz final` is the \
                cumulative System Check before the capstone, open once the nodes the capstone requires are unlocked. \
                After the attempt, the right answer of every option question you missed is shown with its explanation; \
                `review` asks missed questions again, days later.
                """,
            completer: { session, previous in previous.isEmpty ? session.course.quizzes.map(\.id) : [] }
        ) { session, arguments in
            let quiz: Quiz
            if let id = arguments.words.first {
                if let found = session.course.quiz(id: id.lowercased()) {
                    quiz = found
                } else if let lesson = try? LessonCommands.findLesson(id, in: session),
                    let found = session.course.quiz(id: lesson.quiz)
                {
                    quiz = found
                } else {
                    throw ReplError.message(
                        """
                            No System Check `\(ControlCharacters.strip(id))`. Use a lesson number from 1 to \
                            \(session.course.lessons.count) or a System Check id: \
                            \(session.course.quizzes.map(\.id).joined(separator: ", ")).
                            """
                    )
                }
            } else {
                guard let lesson = session.currentLesson ?? session.course.lessons.first,
                    let found = session.course.quiz(id: lesson.quiz)
                else {
                    throw ReplError.message("Open a lesson first (`open 1`), or name a System Check: `quiz <id>`.")
                }
                quiz = found
            }
            if let lesson = session.course.lessons.first(where: { $0.quiz == quiz.id }) {
                let availability = try session.availability(of: lesson)
                guard availability.isOpen else {
                    throw ReplError.message(
                        """
                            The System Check of lesson \(lesson.number) is locked: the lesson \
                            \(LessonCommands.missingText(availability, session: session)).
                            """
                    )
                }
            }
            if !session.course.lessons.contains(where: { $0.quiz == quiz.id }),
                let node = session.course.node(id: quiz.unlocks)
            {
                let unlocked = try session.unlockedNodeIDs()
                let missing = node.requires.filter { !unlocked.contains($0) }
                guard missing.isEmpty else {
                    let titles = missing.map { session.course.node(id: $0)?.title ?? $0 }
                    throw ReplError.message(
                        "“\(quiz.title)” is locked: first unlock \(titles.joined(separator: " and ")).")
                }
            }
            return try QuizFlow(session: session, quiz: quiz).run()
        }
    }

    static var hint: ReplCommand {
        ReplCommand(
            name: "hint", usage: "hint", summary: "Inside a quiz: reveal the next hint",
            help:
                """
                    While a System Check asks a question, type `hint` instead of an answer to see the next hint. Hints \
                    are recorded with the attempt.
                    """
        ) { _, _ in
            throw ReplError.message("`hint` works while a System Check asks a question. Type `quiz` to start one.")
        }
    }
}
