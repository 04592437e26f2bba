import CourseKit
import SeededRandom

extension ExerciseGenerators {
    private static let streamWords = [
        "Paris", "is", "the", "capital", "of", "France", "reset", "your", "password", "from", "settings", "—",
        "naïve", "café", "🙂", "\n", "42", "tokens",
    ]

    /// `chunk-streams`: streamed answers of 1 to 8 chunks for `keys` cache keys (`params.keys`, 4), so later
    /// requests find what earlier ones stored. About a third of the streams break (the model's stream throws
    /// before a random chunk, the last one included, or after it), about a quarter of the clients go away after a
    /// random number of chunks, and sometimes both: an aborted stream must never be stored.
    static func chunkStreams(_ block: ExerciseRandom, _ random: inout SplitMix64) -> [[String: ExerciseValue]] {
        let keys = max(1, Int(block.params["keys"]?.int ?? 4))
        return (0..<block.count).map { _ in
            let count = 1 + random.below(8)
            let chunks = (0..<count).map { _ in
                (0...random.below(3)).map { _ in streamWords[random.below(streamWords.count)] }
                    .joined(separator: " ") + " "
            }
            let abortAfter = random.below(3) == 0 ? random.below(count + 1) : -1
            let goneAfter = random.below(4) == 0 ? random.below(count + 1) : -1
            return [
                "key": .string("llm:stream:\(random.below(keys))"), "chunks": .array(chunks.map { .string($0) }),
                "model_abort_after": .number(Double(abortAfter)), "client_gone_after": .number(Double(goneAfter)),
            ]
        }
    }
}
