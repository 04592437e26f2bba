/// The grades of one answers file: one `QuizGrade` per selected quiz, in course order.
public struct FileGrade: Sendable, Hashable {
    public let path: String
    public let learner: String
    public let quizzes: [QuizGrade]

    public init(path: String, learner: String, quizzes: [QuizGrade]) {
        self.path = path
        self.learner = learner
        self.quizzes = quizzes
    }

    public var score: Double { quizzes.reduce(0) { $0 + $1.score } }
    public var maxScore: Double { quizzes.reduce(0) { $0 + $1.maxScore } }

    /// Passed: every quiz at or above its pass mark, or, with `minScore` (a share 0…1), the file's
    /// total at or above `minScore × maxScore`.
    public func passed(minScore: Double?) -> Bool {
        guard let minScore else { return quizzes.allSatisfy(\.passed) }
        return score >= minScore * maxScore - 1e-9
    }
}

/// Everything `archlab grade` reports: every file's grades, and the options that decide pass/fail.
public struct GradeReport: Sendable, Hashable {
    public let files: [FileGrade]
    /// `--min-score` as a share 0…1, if given.
    public let minScore: Double?
    /// Quiz titles by id, for readable reports.
    public let quizTitles: [String: String]
    /// Answers files that could not be graded; every format lists them as errors.
    public let errors: [AnswersError]

    public init(files: [FileGrade], minScore: Double?, quizTitles: [String: String], errors: [AnswersError] = []) {
        self.files = files
        self.minScore = minScore
        self.quizTitles = quizTitles
        self.errors = errors
    }

    /// Grades answers files against the selected quizzes (all of the course's when `quizIDs` is empty).
    /// A quiz with no table in a file counts as all its questions unanswered.
    public static func grade(
        _ answers: [AnswersFile], course: Course, quizIDs: [String], minScore: Double?, errors: [AnswersError] = []
    ) -> GradeReport {
        let selected = quizIDs.isEmpty ? course.quizzes : course.quizzes.filter { quizIDs.contains($0.id) }
        let files = answers.map { file in
            FileGrade(
                path: file.path, learner: file.learner,
                quizzes: selected.map { $0.grade(file.responses[$0.id] ?? [:]) })
        }
        let titles = Dictionary(course.quizzes.map { ($0.id, $0.title) }, uniquingKeysWith: { first, _ in first })
        return GradeReport(files: files, minScore: minScore, quizTitles: titles, errors: errors)
    }

    /// True when every file passes (and none was unusable).
    public var passed: Bool { errors.isEmpty && files.allSatisfy { $0.passed(minScore: minScore) } }

    /// `pass`, `fail`, or `error` when an answers file could not be graded.
    var status: String { !errors.isEmpty ? "error" : passed ? "pass" : "fail" }

    public var score: Double { files.reduce(0) { $0 + $1.score } }
    public var maxScore: Double { files.reduce(0) { $0 + $1.maxScore } }

    /// One entry per graded question, the unit every machine format reports.
    struct Case {
        let file: FileGrade
        let quiz: QuizGrade
        let question: QuestionGrade

        var name: String { "\(file.learner)/\(quiz.quizID)/\(question.questionID)" }
        var passed: Bool { question.correct }

        /// Why the question is not fully right, or nil when it is.
        var message: String? {
            if question.correct { return nil }
            if !question.answered { return "unanswered" }
            let score = "scored \(GradeFormat.points(question.points)) of \(GradeFormat.points(question.maxPoints))"
            return question.feedback.isEmpty ? score : score + ": " + question.feedback.joined(separator: " ")
        }
    }

    var cases: [Case] {
        files.flatMap { file in
            file.quizzes.flatMap { quiz in quiz.questions.map { Case(file: file, quiz: quiz, question: $0) } }
        }
    }
}

/// Number formatting shared by every grade format and the REPL: whole numbers without decimals, others to 2 places.
public enum GradeFormat {
    /// `text` with each control character or bidi control written as `\u{1B}`, so a learner name in a text report
    /// shows what it holds instead of driving the terminal.
    public static func escapingControls(_ text: String) -> String {
        let escaped = { (scalar: Unicode.Scalar) in ControlCharacterLint.isControl(scalar) || scalar.value < 0x20 }
        guard text.unicodeScalars.contains(where: escaped) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            if escaped(scalar) {
                result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// `5.25`, `2`, `0.67` (a 75% pass mark of 7 points is `5.25`, not `5.2`).
    public static func points(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        guard rounded.isFinite, abs(rounded) < 1e15 else { return String(value) }
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        return String(rounded)
    }
}
