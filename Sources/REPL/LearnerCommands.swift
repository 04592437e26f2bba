import Foundation
import ProgressStore
import Terminal

/// `learner` (show or switch) and `reset`.
enum LearnerCommands {
    static var all: [ReplCommand] { [learner, reset] }

    static var learner: ReplCommand {
        ReplCommand(
            name: "learner", usage: "learner [name]", summary: "Show the learners, or switch to one",
            help:
                """
                    `learner` lists everyone who learns on this machine's progress database; `learner ada` switches to \
                    (or creates) ada, who keeps their own reading positions, attempts and unlocks.
                    """,
            completer: { session, previous in
                previous.isEmpty ? ((try? session.store.learners().map(\.learner.name)) ?? []) : []
            }
        ) { session, arguments in
            guard !arguments.rest.isEmpty else {
                session.say("You are \(ControlCharacters.strip(session.learner.name)): \(try session.standing()).")
                let rows = try session.store.learners().map { summary in
                    [
                        ControlCharacters.strip(summary.learner.name), String(summary.attempts),
                        String(summary.unlockedNodes),
                        summary.lastActivity.map(Self.day) ?? "—",
                    ]
                }
                let table = TextTable(
                    header: ["Learner", "Attempts", "Unlocked", "Last active"], rows: rows,
                    alignments: [.left, .right, .right, .left])
                for line in table.render(width: session.width, painter: session.painter) { session.say(line) }
                session.say("Type `learner <name>` to switch.")
                return .succeeded
            }
            let name: String
            do {
                name = try LearnerName.validated(arguments.rest)
            } catch {
                throw ReplError.message("Cannot use that name: \(ControlCharacters.strip(String(describing: error)))")
            }
            try session.switchLearner(to: name)
            session.say("You are now \(ControlCharacters.strip(session.learner.name)): \(try session.standing()).")
            if let lesson = session.currentLesson {
                session.say(
                    "Reading lesson \(lesson.number), page \(session.currentPage + 1). Type `open` to continue.")
            }
            return .succeeded
        }
    }

    static var reset: ReplCommand {
        ReplCommand(
            name: "reset", usage: "reset [--yes]", summary: "Erase your progress and start over",
            help:
                """
                    Deletes your reading positions, quiz attempts, unlocks and lab runs, after you confirm by typing \
                    `yes` (or with `reset --yes`). Other learners are not touched.
                    """
        ) { session, arguments in
            let name = session.learner.name
            if arguments.words.first != "--yes" {
                session.say("This erases all progress of \(ControlCharacters.strip(name)). Type `yes` to confirm:")
                guard case .line(let answer) = session.readAnswer(prompt: "confirm> "),
                    answer.trimmingCharacters(in: .whitespaces).lowercased() == "yes"
                else {
                    session.say("Nothing was erased.")
                    return .succeeded
                }
            }
            _ = try session.store.reset(learnerNamed: name)
            try session.switchLearner(to: name)
            session.say("Progress of \(ControlCharacters.strip(name)) erased: \(try session.standing()).")
            return .succeeded
        }
    }

    static func day(_ date: Date) -> String {
        String(ProgressTimestamp.string(date).prefix(10))
    }
}

extension ReplSession {
    /// Makes `name` the session's learner (creating them), restoring their reading position.
    func switchLearner(to name: String) throws {
        learner = try store.ensureLearner(name)
        try restorePosition()
    }
}
