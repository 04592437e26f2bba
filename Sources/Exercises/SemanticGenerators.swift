import CourseKit
import SeededRandom

extension ExerciseGenerators {
    /// `vector-pairs`: two vectors of 2 to 32 components: unrelated, one a scaled or negated copy of the other,
    /// small whole numbers, or one of them all zeros.
    static func vectorPairs(_ count: Int, _ random: inout SplitMix64) -> [[String: ExerciseValue]] {
        (0..<count).map { _ in
            let dimension = 2 + random.below(31)
            let a = (0..<dimension).map { _ in Float(random.unit() * 2 - 1) }
            var b = (0..<dimension).map { _ in Float(random.unit() * 2 - 1) }
            switch random.below(8) {
            case 0: b = a.map { $0 * Float(1 + random.below(5)) }
            case 1: b = a.map { -$0 }
            case 2: b = Array(repeating: 0, count: dimension)
            case 3: b = b.map { ($0 * 4).rounded() }
            case 4: b = zip(a, b).map { $0 + $1 / 20 }
            default: break
            }
            return ["a": vectorValue(a), "b": vectorValue(b)]
        }
    }

    /// One topic of `semantic-traffic`: wordings of one question, `{n}` and `{m}` filled from small pools of
    /// identifiers, so the same question comes back about the same and about another order, invoice or version.
    private struct Topic {
        let wordings: [String]
        let n: [String]
        let m: [String]
    }

    private static let topics = [
        Topic(
            wordings: ["Where is my order #{n}?", "What's the status of order #{n}?", "Has order #{n} shipped yet?"],
            n: ["4512", "4513", "45120", "98121"], m: []),
        Topic(
            wordings: [
                "Send me a copy of invoice INV-2024-{n}", "I need invoice INV-2024-{n} again",
                "Can you resend invoice inv-2024-{n}?",
            ],
            n: ["0042", "0043", "0420"], m: []),
        Topic(
            wordings: [
                "What changed in version {n}?", "What is new in release {n}?", "Release notes for version {n}",
            ],
            n: ["2.1", "2.10", "3.0"], m: []),
        Topic(
            wordings: [
                "How do I reset my password?", "I forgot my password, how do I reset it?", "Reset password steps",
            ],
            n: [], m: []),
        Topic(
            wordings: ["Convert {n} miles to km", "How many km is {n} miles?", "{n} miles in kilometres"],
            n: ["10", "100", "12"], m: []),
        Topic(
            wordings: [
                "What are your opening hours on Sunday?", "When are you open on Sundays?", "Sunday opening hours",
            ],
            n: [], m: []),
        Topic(
            wordings: [
                "Book {n} seats in row {m}", "Reserve row {m}, {n} seats", "I want {n} seats in row {m} please",
            ],
            n: ["2", "3", "12"], m: ["12", "14"]),
        Topic(
            wordings: ["How do I enable 2FA?", "Turn on 2fa for my account", "Enable two-step login (2FA)"],
            n: [], m: []),
    ]
    private static let semanticTenants = ["acme", "globex", "initech"]

    /// `semantic-traffic`: `semanticCache.ask` calls from three tenants about eight questions, each asked in three
    /// wordings and about a few identifiers. Each question has its own direction (the directions are orthogonal);
    /// a wording adds a little noise and the identifiers less still, both orthogonal to the direction, so two
    /// wordings of a question are at least about 0.95 similar, whatever their numbers, and two questions at most
    /// about 0.2: near-duplicates about another number are a guard's business, not the threshold's, and no
    /// decision sits on the threshold. The same prompt always has the same vector. `params`: `threshold` (0.9),
    /// `dimension` (16, at least 8).
    static func semanticTraffic(_ block: ExerciseRandom, _ random: inout SplitMix64) -> [[String: ExerciseValue]] {
        let threshold =
            block.params["threshold"].flatMap { value -> Double? in
                if case .number(let number) = value { return number }
                return nil
            } ?? 0.9
        let dimension = max(topics.count, Int(block.params["dimension"]?.int ?? 16))
        let bases = orthonormal(topics.count, dimension: dimension, &random)
        let wordingNoise = topics.indices.map { topic in
            (0..<3).map { _ in orthogonalNoise(to: bases[topic], dimension: dimension, &random) }
        }
        var numberNoise: [String: [Float]] = [:]
        var inputs: [[String: ExerciseValue]] = []
        for index in 0..<block.count {
            let topicIndex = random.below(topics.count)
            let topic = topics[topicIndex]
            let wording = random.below(topic.wordings.count)
            let n = topic.n.isEmpty ? "" : topic.n[random.below(topic.n.count)]
            let m = topic.m.isEmpty ? "" : topic.m[random.below(topic.m.count)]
            let prompt = topic.wordings[wording].replacingOccurrences(of: "{n}", with: n)
                .replacingOccurrences(of: "{m}", with: m)
            let numbersKey = "\(topicIndex) \(n) \(m)"
            let numbers =
                numberNoise[numbersKey] ?? orthogonalNoise(to: bases[topicIndex], dimension: dimension, &random)
            numberNoise[numbersKey] = numbers
            let base = bases[topicIndex]
            let noise = wordingNoise[topicIndex][wording]
            let embedding = (0..<dimension).map { base[$0] + 0.12 * noise[$0] + 0.04 * numbers[$0] }
            inputs.append([
                "threshold": .number(threshold),
                "tenant": .string(semanticTenants[random.below(semanticTenants.count)]),
                "prompt": .string(prompt), "embedding": vectorValue(embedding),
                "answer": .string("answer \(index + 1): \(prompt)"),
            ])
        }
        return inputs
    }

    /// `count` orthonormal vectors (Gram–Schmidt on random ones).
    private static func orthonormal(_ count: Int, dimension: Int, _ random: inout SplitMix64) -> [[Float]] {
        var result: [[Float]] = []
        while result.count < count {
            var vector = (0..<dimension).map { _ in random.unit() * 2 - 1 }
            for other in result {
                let dot = zip(vector, other).reduce(0) { $0 + $1.0 * Double($1.1) }
                vector = zip(vector, other).map { $0 - dot * Double($1) }
            }
            let length = vector.reduce(0) { $0 + $1 * $1 }.squareRoot()
            if length > 0.1 { result.append(vector.map { Float($0 / length) }) }
        }
        return result
    }

    /// A random unit vector orthogonal to the unit vector `base`.
    private static func orthogonalNoise(to base: [Float], dimension: Int, _ random: inout SplitMix64) -> [Float] {
        var vector = (0..<dimension).map { _ in random.unit() * 2 - 1 }
        let dot = zip(vector, base).reduce(0) { $0 + $1.0 * Double($1.1) }
        vector = zip(vector, base).map { $0 - dot * Double($1) }
        let length = max(1e-9, vector.reduce(0) { $0 + $1 * $1 }.squareRoot())
        return vector.map { Float($0 / length) }
    }

    /// A vector as the harness receives it: `Float` components written as numbers, read back exactly.
    private static func vectorValue(_ vector: [Float]) -> ExerciseValue {
        .array(vector.map { .number(Double($0)) })
    }
}
