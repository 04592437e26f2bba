/// The result of grading one response to one question.
public struct QuestionGrade: Sendable, Hashable {
    public let questionID: String
    /// Points earned (0...maxPoints).
    public let points: Double
    public let maxPoints: Double
    /// True when the response earned full points.
    public let correct: Bool
    /// False when there was no response (or an empty one).
    public let answered: Bool
    /// Feedback of the wrong options the learner chose, in file order, plus any note on the response
    /// itself (an unknown option key, a unit that is not the question's).
    public let feedback: [String]

    public init(
        questionID: String, points: Double, maxPoints: Double, correct: Bool, answered: Bool, feedback: [String]
    ) {
        self.questionID = questionID
        self.points = points
        self.maxPoints = maxPoints
        self.correct = correct
        self.answered = answered
        self.feedback = feedback
    }
}

/// The result of grading a set of responses against a whole quiz.
public struct QuizGrade: Sendable, Hashable {
    public let quizID: String
    /// One grade per question, in quiz order.
    public let questions: [QuestionGrade]
    public let score: Double
    public let maxScore: Double
    /// The share of `maxScore` needed to pass (the quiz's `pass`).
    public let pass: Double
    public let passed: Bool

    public init(quizID: String, questions: [QuestionGrade], score: Double, maxScore: Double, pass: Double, passed: Bool)
    {
        self.quizID = quizID
        self.questions = questions
        self.score = score
        self.maxScore = maxScore
        self.pass = pass
        self.passed = passed
    }

    /// Points needed to pass: `pass × maxScore`.
    public var passMark: Double { pass * maxScore }
}
