extension Quiz {
    /// Grades responses keyed by question id; a question with no response scores 0.
    /// Passed when score ≥ pass × max score (with a tiny tolerance for floating-point sums).
    public func grade(_ responses: [String: Response]) -> QuizGrade {
        grade(questionGrades: questions.map { $0.grade(responses[$0.id]) })
    }

    /// The quiz's grade from its questions' grades, one per question in quiz order, as the REPL has them
    /// after grading each answer when it was given: an attempt is graded once.
    public func grade(questionGrades grades: [QuestionGrade]) -> QuizGrade {
        let score = grades.reduce(0) { $0 + $1.points }
        let maxScore = grades.reduce(0) { $0 + $1.maxPoints }
        let passed = score >= pass * maxScore - 1e-9
        return QuizGrade(quizID: id, questions: grades, score: score, maxScore: maxScore, pass: pass, passed: passed)
    }

    /// The answer key of every question that has one: what must pass with full marks.
    public var answerKey: [String: Response] {
        var key: [String: Response] = [:]
        for question in questions {
            if let response = question.answerKey { key[question.id] = response }
        }
        return key
    }
}
