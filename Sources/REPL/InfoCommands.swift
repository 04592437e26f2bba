import CourseKit
import CourseProgress
import Foundation
import Terminal

/// `matrix`, `progress`, `glossary` and `faq`.
enum InfoCommands {
    static var all: [ReplCommand] { [matrix, progress, glossary, faq] }

    static var matrix: ReplCommand {
        ReplCommand(
            name: "matrix", usage: "matrix", summary: "The Architect Matrix and what you have unlocked",
            help:
                """
                    Draws the Matrix: each node is a box marked ✓ unlocked, ○ available (its requirements are \
                    unlocked) or × locked; arrows run from a requirement to the node that needs it. A lesson's node \
                    unlocks when its System Check and its exercise have passed; a lab node when its lab has run; \
                    Production Backend, the capstone, when every exercise and `archlab check capstone` have passed. \
                    Under the drawing, each locked node says what it still needs.
                    """
        ) { session, _ in
            session.drawMatrix()
            let records = try session.learnerRecords()
            let locked = session.course.matrix.nodes.filter { !records.unlockedNodeIDs.contains($0.id) }
            guard !locked.isEmpty else { return .succeeded }
            session.say("")
            session.say("Still locked:")
            for node in locked {
                let text = session.needsText(session.needs(of: node.id, records: records))
                session.sayWrapped("× \(node.title): \(text.isEmpty ? "its requirements" : text)")
            }
            return .succeeded
        }
    }

    static var progress: ReplCommand {
        ReplCommand(
            name: "progress", usage: "progress", summary: "Your scores, unlocks, labs and exercises",
            help:
                """
                    Shows your standing, each System Check's best score and number of attempts, the labs you have run \
                    and the exercises you have passed.
                    """
        ) { session, _ in
            session.say("Learner \(ControlCharacters.strip(session.learner.name)): \(try session.standing()).")
            let report = try ProgressReport.build(
                store: session.store, learner: session.learner, learnerName: session.learner.name,
                course: session.course)
            let unlocked = Set(report.nodes.filter(\.unlocked).map(\.id))
            var rows: [[String]] = []
            for (lesson, row) in zip(session.course.lessons, report.lessons) {
                let score = row.best.map { "\(Int(($0.ratio * 100).rounded()))%" } ?? "—"
                let node = session.course.node(id: lesson.node)?.title ?? lesson.node
                rows.append([
                    "\(lesson.number). \(lesson.title)", score, String(row.attempts),
                    unlocked.contains(lesson.node) ? "✓ \(node)" : "× \(node)",
                ])
            }
            let table = TextTable(
                header: ["Lesson", "Best", "Tries", "Node"], rows: rows, alignments: [.left, .right, .right, .left])
            for line in table.render(width: session.width, painter: session.painter) { session.say(line) }
            let labs = report.labs.map(\.id).sorted()
            session.say("Labs run: " + (labs.isEmpty ? "none yet" : labs.joined(separator: ", ")))
            for answer in report.labAnswers {
                session.sayWrapped("After `\(answer.scenarioID)` you answered: \"\(answer.answer)\"", hangingIndent: 4)
            }
            if !report.exercises.isEmpty {
                let passed = report.exercises.filter { $0.status == "passed" }.map(\.id)
                session.sayWrapped(
                    "Exercises passed: \(passed.count)/\(report.exercises.count)"
                        + (passed.isEmpty ? "" : " (\(passed.joined(separator: ", ")))")
                        + (report.workspace.map { "; workspace \($0)" } ?? ""))
            }
            for notice in try session.changedQuizNotices() { session.sayWrapped(notice) }
            return .succeeded
        }
    }

    static var glossary: ReplCommand {
        ReplCommand(
            name: "glossary", aliases: ["g"], usage: "glossary [term]", summary: "Look up a term",
            help:
                """
                    `glossary` lists the terms; `glossary Redis` shows one, with the course's JavaScript and its Swift \
                    twin where there is one.
                    """,
            completer: { session, previous in previous.isEmpty ? session.course.glossary.map(\.term) : [] }
        ) { session, arguments in
            let entries = session.course.glossary
            guard !arguments.rest.isEmpty else {
                guard !entries.isEmpty else { throw ReplError.message("This course has no glossary.") }
                let terms = entries.map(\.term).sorted { $0.lowercased() < $1.lowercased() }
                for line in WordWrapper(painter: .plain).wrap(terms.joined(separator: " · "), width: session.width) {
                    session.say(line)
                }
                session.say("Type `glossary <term>` for one of them.")
                return .succeeded
            }
            let wanted = arguments.rest.lowercased()
            let found =
                entries.first { $0.term.lowercased() == wanted }
                ?? entries.first { $0.term.lowercased().hasPrefix(wanted) }
            guard let entry = found else {
                let near = entries.filter { $0.term.lowercased().contains(wanted) }.map(\.term)
                let hint =
                    near.isEmpty ? " Type `glossary` for the list." : " Related: \(near.joined(separator: ", "))."
                throw ReplError.message("No glossary term `\(ControlCharacters.strip(arguments.rest))`.\(hint)")
            }
            var markdown = "**\(entry.term)** — \(entry.definition)"
            if let snippet = entry.snippet { markdown += "\n\n```js\n\(snippet)\n```" }
            if let swift = entry.swift { markdown += "\n\n```swift\n\(swift)\n```" }
            if let id = entry.lesson, let lesson = session.course.lesson(id: id) {
                markdown += "\n\nTaught in lesson \(lesson.number), “\(lesson.title)” (`open \(lesson.number)`)."
            }
            if !entry.seeAlso.isEmpty { markdown += "\n\nSee also: \(entry.seeAlso.joined(separator: ", "))." }
            session.show(markdown: markdown)
            return .succeeded
        }
    }

    static var faq: ReplCommand {
        ReplCommand(
            name: "faq", usage: "faq [n]", summary: "Frequently asked questions",
            help: "`faq` lists the questions; `faq 2` shows the answer to the second.",
            completer: { session, previous in previous.isEmpty ? session.course.faq.indices.map { String($0 + 1) } : []
            }
        ) { session, arguments in
            let entries = session.course.faq
            guard let text = arguments.words.first else {
                guard !entries.isEmpty else { throw ReplError.message("This course has no FAQ.") }
                for (index, entry) in entries.enumerated() {
                    session.say("\(String(index + 1).leftPadded(to: String(entries.count).count)). \(entry.question)")
                }
                session.say("Type `faq <n>` for an answer.")
                return .succeeded
            }
            guard let number = Int(text), number >= 1, number <= entries.count else {
                throw ReplError.message(
                    "No FAQ entry `\(ControlCharacters.strip(text))`: use a number from 1 to \(entries.count).")
            }
            let entry = entries[number - 1]
            var markdown = "**\(entry.question)**\n\n\(entry.answer)"
            if let id = entry.lesson, let lesson = session.course.lesson(id: id) {
                markdown += "\n\nMore in lesson \(lesson.number), “\(lesson.title)”."
            }
            session.show(markdown: markdown)
            return .succeeded
        }
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        String(repeating: " ", count: max(0, width - count)) + self
    }
}
