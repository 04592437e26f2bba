import CourseKit
import CourseProgress
import Foundation
import ProgressStore
import Terminal

extension ReplSession {
    /// Ids of the Matrix nodes the learner has unlocked.
    public func unlockedNodeIDs() throws -> Set<String> {
        Set(try store.unlockedNodes(learner: learner).map(\.nodeID))
    }

    /// One line per quiz whose best attempt the learner took on an older version of it (its file changed since),
    /// in course order: what changed, that unlocks stay, and how to take the new version.
    func changedQuizNotices() throws -> [String] {
        let attempts = try store.bestAttempts(learner: learner)
        let best = Dictionary(attempts.map { ($0.quizID, $0) }, uniquingKeysWith: { first, _ in first })
        return course.quizzes.compactMap { quiz in
            guard let attempt = best[quiz.id], attempt.contentHash != quiz.contentHash else { return nil }
            let score = "\(GradeFormat.points(attempt.score))/\(GradeFormat.points(attempt.maxScore))"
            let which: String
            let retake: String
            if let lesson = course.lessons.first(where: { $0.quiz == quiz.id }) {
                which = "The System Check of lesson \(lesson.number) “\(lesson.title)”"
                retake = "quiz \(lesson.number)"
            } else {
                which = "System Check `\(quiz.id)`"
                retake = "quiz \(quiz.id)"
            }
            return "\(which) changed since your best attempt (\(score)): what you unlocked stays unlocked; "
                + "`\(retake)` takes the new version."
        }
    }

    /// Whether a lesson is open for the learner and, if not, what is missing.
    func availability(of lesson: Lesson) throws -> LessonAvailability {
        course.availability(of: lesson, unlocked: try unlockedNodeIDs())
    }

    /// Records a lab run for the learner, unlocking the nodes it completes and announcing them
    /// (for lab commands registered from outside the core).
    /// When the course gives the lab a question (`[[lab]]`), it is asked first: in an interactive session
    /// the answer is recorded with the run (not graded); otherwise the question is only printed.
    public func recordLabRun(scenarioID: String, parametersJSON: String = "{}", summaryJSON: String = "{}") throws {
        let question = course.labQuestion(for: scenarioID)
        let answer = question.flatMap { self.askLabQuestion($0) }
        let recorded = try LabRunRecording.recordRun(
            scenarioID, parametersJSON: parametersJSON, summaryJSON: summaryJSON, for: learner, in: store,
            course: course)
        if let question, let answer {
            try store.recordLabAnswer(runID: recorded.runID, question: question.question, answer: answer)
            say("Answer recorded, not graded: `progress` shows it again.")
        }
        announce(recorded.unlocked)
    }

    /// Prints `NODE UNLOCKED: <title>` for each node, then the Matrix.
    func announce(_ nodeIDs: [String]) {
        guard !nodeIDs.isEmpty else { return }
        for id in nodeIDs {
            say(painter.paint("NODE UNLOCKED: \(course.node(id: id)?.title ?? id)", .green, .bold))
        }
        say("")
        drawMatrix()
        let unlocked = (try? unlockedNodeIDs()) ?? []
        if !course.matrix.nodes.isEmpty, course.matrix.nodes.allSatisfy({ unlocked.contains($0.id) }) {
            congratulate()
        }
    }

    /// The closing words once the last Matrix node unlocks: the course is done, and what to do with it.
    private func congratulate() {
        say("")
        let exercises = course.exercises.isEmpty ? "" : " and all \(course.exercises.count) exercises"
        say(
            painter.paint("COURSE COMPLETE", .green, .bold)
                + """
                     — all \(course.lessons.count) lessons\(exercises) passed and all \(course.matrix.nodes.count) \
                    Matrix nodes unlocked.
                    """
        )
        var next = ["`progress` shows your best scores; `quiz N` retakes any System Check"]
        if registry.command(named: "serve") != nil {
            next.append("`serve start` runs the finished server.swift over HTTP for curl")
        }
        next.append("`archlab grade` checks an answers file, as a course CI does")
        show(markdown: "What next: " + next.joined(separator: "; ") + ".")
    }

    /// Draws the Architect Matrix with the learner's node states.
    func drawMatrix() {
        let unlocked = (try? unlockedNodeIDs()) ?? []
        let nodes = course.matrix.nodes.map { node in
            let state: MatrixDrawing.NodeState =
                unlocked.contains(node.id)
                ? .unlocked
                : node.requires.allSatisfy(unlocked.contains) ? .available : .locked
            return MatrixDrawing.Node(
                id: node.id, title: node.title, column: node.column, row: node.row,
                state: state, requires: node.requires)
        }
        for line in MatrixDrawing(nodes: nodes).render(maxWidth: min(width, 80), painter: painter) {
            say(line)
        }
    }

    /// "3/8 lessons, 4/11 nodes unlocked, 2/9 exercises passed" (the exercises only when the course has some).
    func standing() throws -> String {
        let unlocked = try unlockedNodeIDs()
        let done = course.lessons.filter { unlocked.contains($0.node) }.count
        let nodes = course.matrix.nodes.filter { unlocked.contains($0.id) }.count
        var text = "\(done)/\(course.lessons.count) lessons, \(nodes)/\(course.matrix.nodes.count) nodes unlocked"
        if !course.exercises.isEmpty {
            let passed = try store.passedExerciseIDs(learner: learner)
            let count = course.exercises.filter { passed.contains($0.id) }.count
            text += ", \(count)/\(course.exercises.count) exercises passed"
        }
        return text
    }
}
