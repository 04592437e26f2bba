/// A model-free embedder: signed feature hashing (FNV-1a 64) of words, word bigrams and character
/// trigrams. It needs no set-up and matches near-duplicates (shared words and spellings), not meaning.
public struct LexicalEmbedder: Embedder {
    public let name = "lexical"
    public let dimension: Int

    /// Weights of the word, bigram and trigram groups in the combined vector.
    public static let groupWeights: (words: Double, bigrams: Double, trigrams: Double) = (1.0, 0.5, 1.0)

    /// - Parameter dimension: number of hash buckets; the reference uses 1024.
    public init(dimension: Int = 1024) {
        self.dimension = max(1, dimension)
    }

    public func tokens(for text: String) -> [String] {
        LexicalFeatures.words(in: text)
    }

    public func embed(_ text: String) throws -> [Float] {
        let features = LexicalFeatures(text: text)
        var combined = [Double](repeating: 0, count: dimension)
        add(group: features.words, weight: Self.groupWeights.words, into: &combined)
        add(group: features.bigrams, weight: Self.groupWeights.bigrams, into: &combined)
        add(group: features.trigrams, weight: Self.groupWeights.trigrams, into: &combined)
        let length = combined.reduce(0) { $0 + $1 * $1 }.squareRoot()
        guard length > 0 else { return [Float](repeating: 0, count: dimension) }
        return combined.map { Float($0 / length) }
    }

    private func add(group: [String], weight: Double, into combined: inout [Double]) {
        guard !group.isEmpty else { return }
        var counts: [Int: Double] = [:]
        for feature in group {
            let h = FNV1a64.hash(feature)
            let index = Int(h % UInt64(dimension))
            counts[index, default: 0] += (h >> 63) == 0 ? 1 : -1
        }
        let length = counts.values.reduce(0) { $0 + $1 * $1 }.squareRoot()
        guard length > 0 else { return }
        for (index, value) in counts {
            combined[index] += weight * value / length
        }
    }
}
