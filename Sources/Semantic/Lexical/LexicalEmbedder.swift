/// A model-free embedder: signed feature hashing (FNV-1a 64) of words, word bigrams and character
/// trigrams. It needs no set-up and matches near-duplicates (shared words and spellings), not meaning.
public struct LexicalEmbedder: Embedder {
    public let name = "lexical"
    public let dimension: Int
    /// A text has a few dozen features, so a few dozen of the buckets are non-zero.
    public let vectorsAreSparse = true

    /// Weights of the word, bigram and trigram groups in the combined vector.
    public static let groupWeights: (words: Double, bigrams: Double, trigrams: Double) = (1.0, 0.5, 1.0)

    /// - Parameter dimension: number of hash buckets; the reference uses 1024.
    public init(dimension: Int = 1024) {
        self.dimension = max(1, dimension)
    }

    public func tokens(for text: String) -> [String] {
        LexicalFeatures.words(in: text)
    }

    /// Hashes the features of `LexicalFeatures` byte by byte (group prefix, then the feature's UTF-8)
    /// without building their strings; the result is bit for bit what hashing those strings gives.
    public func embed(_ text: String) throws -> [Float] {
        let texts = LexicalFeatures.words(in: text)
        let words = texts.map { Array($0.utf8) }
        var combined = [Double](repeating: 0, count: dimension)
        var group = FeatureGroup(dimension: dimension)
        for word in words {
            var h = FeatureHash(prefix: "w|")
            h.add(word)
            group.count(h.value)
        }
        group.flush(weight: Self.groupWeights.words, into: &combined)
        for (first, second) in zip(words, words.dropFirst()) {
            var h = FeatureHash(prefix: "b|")
            h.add(first)
            h.add(UInt8(ascii: " "))
            h.add(second)
            group.count(h.value)
        }
        group.flush(weight: Self.groupWeights.bigrams, into: &combined)
        for word in texts {
            let padded = [Unicode.Scalar("^")] + Array(word.unicodeScalars) + [Unicode.Scalar("$")]
            var i = 0
            while i + 3 <= padded.count {
                var h = FeatureHash(prefix: "c|")
                for scalar in padded[i..<(i + 3)] { h.add(scalar) }
                group.count(h.value)
                i += 1
            }
        }
        group.flush(weight: Self.groupWeights.trigrams, into: &combined)
        let length = combined.reduce(0) { $0 + $1 * $1 }.squareRoot()
        guard length > 0 else { return [Float](repeating: 0, count: dimension) }
        return combined.map { Float($0 / length) }
    }
}

/// FNV-1a 64 fed incrementally, so a feature is hashed from its parts.
private struct FeatureHash {
    private(set) var value = FNV1a64.offsetBasis

    init(prefix: StaticString) {
        prefix.withUTF8Buffer { for byte in $0 { add(byte) } }
    }

    @inline(__always)
    mutating func add(_ byte: UInt8) {
        value ^= UInt64(byte)
        value = value &* FNV1a64.prime
    }

    mutating func add(_ bytes: [UInt8]) {
        for byte in bytes { add(byte) }
    }

    mutating func add(_ scalar: Unicode.Scalar) {
        for byte in scalar.utf8 { add(byte) }
    }
}

/// Signed counts of one feature group per bucket, L2-normalised into the combined vector.
private struct FeatureGroup {
    private var counts: [Double]
    private var touched: [Int] = []
    private let dimension: UInt64

    init(dimension: Int) {
        self.counts = [Double](repeating: 0, count: dimension)
        self.dimension = UInt64(dimension)
    }

    mutating func count(_ hash: UInt64) {
        let index = Int(hash % dimension)
        if counts[index] == 0 && !touched.contains(index) { touched.append(index) }
        counts[index] += (hash >> 63) == 0 ? 1 : -1
    }

    /// Adds `weight` times the group's unit-length count vector to `combined` and resets the counts.
    mutating func flush(weight: Double, into combined: inout [Double]) {
        defer {
            for index in touched { counts[index] = 0 }
            touched.removeAll(keepingCapacity: true)
        }
        guard !touched.isEmpty else { return }
        let length = touched.reduce(0) { $0 + counts[$1] * counts[$1] }.squareRoot()
        guard length > 0 else { return }
        for index in touched {
            combined[index] += weight * counts[index] / length
        }
    }
}
