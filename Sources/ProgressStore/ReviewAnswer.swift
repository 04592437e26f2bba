import Foundation

/// One answer given in `review`: a question missed in a System Check, asked again. It is recorded like an attempt's
/// answer, with the quiz's content hash, but never counts as an attempt and never unlocks anything.
public struct ReviewAnswer: Sendable, Hashable {
    public let id: Int64
    public let quizID: String
    public let questionID: String
    /// SHA-256 of the quiz file when the question was asked.
    public let contentHash: String
    public let responseJSON: String
    public let points: Double
    public let maxPoints: Double
    public let hintsUsed: Int
    public let answeredAt: Date

    public init(
        id: Int64, quizID: String, questionID: String, contentHash: String, responseJSON: String, points: Double,
        maxPoints: Double, hintsUsed: Int, answeredAt: Date
    ) {
        self.id = id
        self.quizID = quizID
        self.questionID = questionID
        self.contentHash = contentHash
        self.responseJSON = responseJSON
        self.points = points
        self.maxPoints = maxPoints
        self.hintsUsed = hintsUsed
        self.answeredAt = answeredAt
    }

    /// True when the answer earned every point.
    public var correct: Bool { maxPoints > 0 && points >= maxPoints }
}

/// A review answer to record; the store stamps it with its clock's now.
public struct NewReviewAnswer: Sendable, Hashable {
    public let quizID: String
    public let questionID: String
    public let contentHash: String
    public let responseJSON: String
    public let points: Double
    public let maxPoints: Double
    public let hintsUsed: Int

    public init(
        quizID: String, questionID: String, contentHash: String, responseJSON: String, points: Double,
        maxPoints: Double, hintsUsed: Int
    ) {
        self.quizID = quizID
        self.questionID = questionID
        self.contentHash = contentHash
        self.responseJSON = responseJSON
        self.points = points
        self.maxPoints = maxPoints
        self.hintsUsed = hintsUsed
    }
}
