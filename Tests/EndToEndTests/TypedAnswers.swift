import CourseKit
import SeededRandom

/// What a learner types to answer every question of a System Check right, one line per question,
/// when the session shuffles the options with `seed`.
enum TypedAnswers {
    /// `numeric`, when given, replaces the answer line(s) of numeric questions (several lines when the
    /// first ones are to be re-asked).
    static func right(_ quiz: Quiz, seed: UInt64, numeric: [String]? = nil) -> [String] {
        quiz.questions.flatMap { question -> [String] in
            switch question.kind {
            case .single, .multiple:
                let keys = Set(question.options.filter(\.correct).map(\.key))
                let labels = question.displayOptions(seed: seed).filter { keys.contains($0.key) }.map(\.label)
                return [(question.kind == .single ? Array(labels.prefix(1)) : labels).joined(separator: " ")]
            case .order:
                let shown = question.displayItems(seed: seed)
                return [
                    question.items.compactMap { item in shown.first { $0.key == item.key }?.label }.joined(
                        separator: " ")
                ]
            case .short:
                return [question.accept.first ?? question.example ?? ""]
            case .numeric:
                return numeric ?? ["\(question.answer ?? 0)" + (question.unit.map { " \($0)" } ?? "")]
            }
        }
    }

    /// Answers to every question that are wrong but well formed (no right option, the order as shown).
    static func wrong(_ quiz: Quiz, seed: UInt64) -> [String] {
        quiz.questions.map { question in
            switch question.kind {
            case .single, .multiple:
                let keys = Set(question.options.filter { !$0.correct }.map(\.key))
                let labels = question.displayOptions(seed: seed).filter { keys.contains($0.key) }.map(\.label)
                return (question.kind == .single ? Array(labels.prefix(1)) : labels).joined(separator: " ")
            case .order:
                return question.displayItems(seed: seed).map(\.label).joined(separator: " ")
            case .short:
                return "no idea at all"
            case .numeric:
                return String((question.answer ?? 0) + 12345) + (question.unit.map { " \($0)" } ?? "")
            }
        }
    }

    /// The display seed of the n-th quiz attempt (1-based) of a session started with `--seed 7`.
    static func attemptSeed(_ attempt: Int) -> UInt64 {
        var generator = SplitMix64(seed: 7)
        var value: UInt64 = 0
        for _ in 0..<attempt { value = generator.next() }
        return value
    }
}
