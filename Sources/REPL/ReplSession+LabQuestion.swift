import CourseKit
import Foundation
import Terminal

extension ReplSession {
    /// Prints the question a lab's report ends with and, in an interactive session, reads the learner's
    /// answer: nil when the session is not interactive or the learner left it empty (Enter, Ctrl-C, Ctrl-D).
    func askLabQuestion(_ lab: LabQuestion) -> String? {
        say("")
        sayWrapped("Question: " + lab.question)
        guard isInteractive else { return nil }
        say("Answer in a sentence or two (not graded; Enter alone skips).")
        guard case .line(let line) = readAnswer(prompt: "answer> ") else {
            say("No answer recorded.")
            return nil
        }
        let answer = line.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !answer.isEmpty else {
            say("No answer recorded.")
            return nil
        }
        return answer
    }
}
