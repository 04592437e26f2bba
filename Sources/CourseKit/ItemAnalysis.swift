/// Item analysis of a cohort's quiz attempts (`archlab stats`): per question how many learners answered it, the
/// share who got it fully right, how well it separates strong from weak learners, and which options were chosen;
/// per quiz how many attempts learners needed to pass. Rules that flag a weak question are named in ``Flag``.
public struct ItemAnalysis: Sendable {
    /// One learner's attempt at one quiz, in file keys, as an answers file or the progress store has it.
    public struct Attempt: Sendable {
        public let learner: String
        public let quizID: String
        public let responses: [String: Response]
        /// Whether this attempt passed when it was taken; nil to grade it with the current quiz.
        public let passed: Bool?

        public init(learner: String, quizID: String, responses: [String: Response], passed: Bool? = nil) {
            self.learner = learner
            self.quizID = quizID
            self.responses = responses
            self.passed = passed
        }
    }

    /// Which of a learner's attempts at a quiz the question statistics use.
    public enum Choice: String, Sendable, CaseIterable {
        /// The attempt with the highest score (the earliest of equals).
        case best
        /// The learner's first attempt: what they knew before retrying.
        case first
    }

    /// A rule a question breaks.
    public struct Flag: Sendable, Hashable {
        /// `too-easy`, `too-hard`, `negative-discrimination` or `unused-distractor`.
        public let code: String
        /// The rule, in words.
        public let rule: String
        /// The option a flag is about (`unused-distractor`).
        public let option: String?
    }

    public struct OptionCount: Sendable, Hashable {
        public let key: String
        public let text: String
        public let correct: Bool
        /// Learners who chose the option.
        public let chosen: Int
    }

    public struct QuestionStats: Sendable {
        public let id: String
        public let kind: QuestionKind
        public let learners: Int
        /// Share of learners with full points (0…1).
        public let correctShare: Double
        /// Point-biserial correlation between the item's score and the rest of the quiz; nil when either
        /// does not vary.
        public let discrimination: Double?
        /// Single and multiple questions: every option, in file order.
        public let options: [OptionCount]
        public let flags: [Flag]
    }

    /// Attempts needed to pass: the number of the first passing attempt, per learner who passed.
    public struct AttemptsToPass: Sendable, Hashable {
        public let passed: Int
        public let notPassed: Int
        public let median: Double?
        /// Nearest-rank 90th percentile.
        public let p90: Double?
    }

    public struct QuizStats: Sendable {
        public let id: String
        public let title: String
        public let learners: Int
        public let attemptsToPass: AttemptsToPass
        public let questions: [QuestionStats]
    }

    public let quizzes: [QuizStats]

    /// Thresholds of the flags.
    public static let tooEasy = 0.95
    public static let tooHard = 0.20
    public static let unusedDistractor = 0.02

    /// Analyses `attempts` (in the order they were made) for `quizzes`; attempts at other quizzes are ignored.
    public static func analyse(_ attempts: [Attempt], quizzes: [Quiz], choice: Choice) -> ItemAnalysis {
        ItemAnalysis(
            quizzes: quizzes.map { quiz in
                analyse(quiz, attempts: attempts.filter { $0.quizID == quiz.id }, choice: choice)
            })
    }

    private static func analyse(_ quiz: Quiz, attempts: [Attempt], choice: Choice) -> QuizStats {
        var order: [String] = []
        var byLearner: [String: [(attempt: Attempt, grade: QuizGrade)]] = [:]
        for attempt in attempts {
            if byLearner[attempt.learner] == nil { order.append(attempt.learner) }
            byLearner[attempt.learner, default: []].append((attempt, quiz.grade(attempt.responses)))
        }
        var chosen: [(attempt: Attempt, grade: QuizGrade)] = []
        var needed: [Int] = []
        var notPassed = 0
        for learner in order {
            guard let list = byLearner[learner], let first = list.first else { continue }
            switch choice {
            case .first:
                chosen.append(first)
            case .best:
                let best = list.dropFirst().reduce(first) { current, next in
                    ratio(next.grade) > ratio(current.grade) ? next : current
                }
                chosen.append(best)
            }
            if let index = list.firstIndex(where: { $0.attempt.passed ?? $0.grade.passed }) {
                needed.append(index + 1)
            } else {
                notPassed += 1
            }
        }
        let questions = quiz.questions.enumerated().map { index, question in
            questionStats(question, index: index, chosen: chosen)
        }
        return QuizStats(
            id: quiz.id, title: quiz.title, learners: chosen.count,
            attemptsToPass: AttemptsToPass(
                passed: needed.count, notPassed: notPassed, median: median(needed.map(Double.init)),
                p90: percentile90(needed.map(Double.init))),
            questions: questions)
    }

    private static func ratio(_ grade: QuizGrade) -> Double {
        grade.maxScore > 0 ? grade.score / grade.maxScore : 0
    }

    private static func questionStats(
        _ question: Question, index: Int, chosen: [(attempt: Attempt, grade: QuizGrade)]
    ) -> QuestionStats {
        let learners = chosen.count
        let grades = chosen.map { $0.grade.questions[index] }
        let correct = grades.filter(\.correct).count
        let share = learners > 0 ? Double(correct) / Double(learners) : 0
        let item = grades.map { $0.maxPoints > 0 ? $0.points / $0.maxPoints : 0 }
        let rest = chosen.map { $0.grade.score - $0.grade.questions[index].points }
        let discrimination = correlation(item, rest)
        var options: [OptionCount] = []
        if question.kind == .single || question.kind == .multiple {
            options = question.options.map { option in
                let count = chosen.filter { entry in
                    switch entry.attempt.responses[question.id] {
                    case .option(let key)?: return key == option.key
                    case .options(let keys)?: return keys.contains(option.key)
                    default: return false
                    }
                }.count
                return OptionCount(key: option.key, text: option.text, correct: option.correct, chosen: count)
            }
        }
        var flags: [Flag] = []
        if learners > 0 {
            if share >= tooEasy {
                flags.append(Flag(code: "too-easy", rule: "at least 95% answered it correctly", option: nil))
            }
            if share <= tooHard {
                flags.append(Flag(code: "too-hard", rule: "at most 20% answered it correctly", option: nil))
            }
            if let discrimination, discrimination < 0 {
                flags.append(
                    Flag(
                        code: "negative-discrimination",
                        rule: "learners who did worse on the rest of the quiz did better on this question", option: nil)
                )
            }
            for option in options where !option.correct && Double(option.chosen) < unusedDistractor * Double(learners) {
                flags.append(
                    Flag(
                        code: "unused-distractor", rule: "a wrong option chosen by under 2% of learners",
                        option: option.key))
            }
        }
        return QuestionStats(
            id: question.id, kind: question.kind, learners: learners, correctShare: share,
            discrimination: discrimination, options: options, flags: flags)
    }

    /// Pearson's correlation of two equally long samples (the point-biserial one when `x` is 0/1); nil when
    /// either sample has no variance or fewer than two values.
    public static func correlation(_ x: [Double], _ y: [Double]) -> Double? {
        let count = Double(x.count)
        guard x.count == y.count, x.count >= 2 else { return nil }
        let meanX = x.reduce(0, +) / count
        let meanY = y.reduce(0, +) / count
        var covariance = 0.0
        var varianceX = 0.0
        var varianceY = 0.0
        for (a, b) in zip(x, y) {
            covariance += (a - meanX) * (b - meanY)
            varianceX += (a - meanX) * (a - meanX)
            varianceY += (b - meanY) * (b - meanY)
        }
        guard varianceX > 1e-12, varianceY > 1e-12 else { return nil }
        return covariance / (varianceX * varianceY).squareRoot()
    }

    static func median(_ values: [Double]) -> Double? {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return nil }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// The nearest-rank 90th percentile: the smallest value at least 90% of the values are not above.
    static func percentile90(_ values: [Double]) -> Double? {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return nil }
        let rank = Int((0.9 * Double(sorted.count)).rounded(.up))
        return sorted[max(rank, 1) - 1]
    }
}
