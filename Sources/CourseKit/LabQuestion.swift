/// The one question a lab's report ends with (`[[lab]]` in `course.toml`): about what the learner just
/// saw, asked after the run and recorded, never graded.
public struct LabQuestion: Sendable, Hashable {
    /// The scenario id whose runs end with this question.
    public let scenario: String
    public internal(set) var question: String
    /// 1-based line of the `[[lab]]` header in `course.toml`.
    public let line: Int

    public init(scenario: String, question: String, line: Int = 0) {
        self.scenario = scenario
        self.question = question
        self.line = line
    }
}

extension Course {
    /// The question the lab `scenario`'s report ends with, if the course has one.
    public func labQuestion(for scenario: String) -> LabQuestion? {
        labQuestions.first { $0.scenario == scenario }
    }

    /// Every scenario a learner is sent to: each lesson's `scenario` and each node's `lab`, first mention first.
    public var labScenarios: [String] {
        var seen: Set<String> = []
        let all = lessons.compactMap(\.scenario) + matrix.nodes.compactMap(\.lab)
        return all.filter { seen.insert($0).inserted }
    }
}
