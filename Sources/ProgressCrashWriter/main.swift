import Foundation
import ProgressStore

// Test helper for ProgressStoreTests: records quiz attempts in a loop and prints each attempt id on its own line
// with its unique content hash (`ID HASH`) once `recordAttempt` has returned, so a parent that SIGKILLs it knows
// which attempts must have survived (the hash tells a surviving attempt from a later one that reused its id).
// Usage: ProgressCrashWriter --db PATH --learner NAME [--count N]

func argument(_ name: String) -> String? {
    let arguments = CommandLine.arguments
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
    return arguments[index + 1]
}

func emit(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

guard let path = argument("--db") else {
    FileHandle.standardError.write(Data("usage: ProgressCrashWriter --db PATH --learner NAME [--count N]\n".utf8))
    exit(2)
}
let learnerName = argument("--learner") ?? "crash"
let count = argument("--count").flatMap(Int.init) ?? Int.max

do {
    let store = try ProgressStore(path: path)
    let learner = try store.ensureLearner(learnerName)
    emit("ready")
    var index = 0
    while index < count {
        let answers = (0..<3).map { question in
            AttemptAnswer(
                questionID: "q\(question)", responseJSON: "[\"a\", \"c\"]", points: 1, hintsUsed: question)
        }
        let attempt = FinishedAttempt(
            quizID: "quiz-\(index % 8)", contentHash: "run-\(getpid())-\(index)", startedAt: Date(),
            score: Double(index % 4), maxScore: 3, passed: index % 4 == 3, answers: answers)
        let recorded = try store.recordAttempt(learner: learner, attempt, unlocking: ["node-\(index % 10)"])
        emit("\(recorded.attempt.id) \(recorded.attempt.contentHash)")
        index += 1
    }
} catch {
    FileHandle.standardError.write(Data("ProgressCrashWriter: \(error)\n".utf8))
    exit(1)
}
