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
        withFeatures(of: text) { $0.finish() }
    }

    /// `embed(text)`'s non-zero components, computed without the dense vector.
    public func sparseEmbedding(_ text: String) throws -> SparseVector {
        withFeatures(of: text) { $0.finishSparse() }
    }

    /// Hashes the features of `text` into a scratch group and returns what `finish` makes of it.
    private func withFeatures<T>(of text: String, _ finish: (inout FeatureGroup) -> T) -> T {
        scratch.withGroup(dimension: dimension) { group in
            if let words = ASCIIWordRuns(text) {
                Self.hashFeatures(of: words, into: &group)
            } else {
                // Not ASCII, so `LexicalFeatures.words(in:)` would take its Unicode path: go there directly.
                Self.hashFeatures(of: LexicalFeatures.unicodeWords(in: text), into: &group)
            }
            return finish(&group)
        }
    }

    /// Bucket arrays kept between embeddings, so one costs no large allocation; shared by every lexical embedder.
    private var scratch: FeatureScratch { FeatureScratch.shared }

    /// The three feature groups of words given as strings (any text).
    private static func hashFeatures(of texts: [String], into group: inout FeatureGroup) {
        let words = texts.map { Array($0.utf8) }
        for word in words {
            var h = FeatureHash.words
            h.add(word)
            group.count(h.value)
        }
        group.flush(weight: groupWeights.words)
        for (first, second) in zip(words, words.dropFirst()) {
            var h = FeatureHash.bigrams
            h.add(first)
            h.add(UInt8(ascii: " "))
            h.add(second)
            group.count(h.value)
        }
        group.flush(weight: groupWeights.bigrams)
        for word in texts {
            let padded = [Unicode.Scalar("^")] + Array(word.unicodeScalars) + [Unicode.Scalar("$")]
            var i = 0
            while i + 3 <= padded.count {
                var h = FeatureHash.trigrams
                for scalar in padded[i..<(i + 3)] { h.add(scalar) }
                group.count(h.value)
                i += 1
            }
        }
        group.flush(weight: groupWeights.trigrams)
    }

    /// The same groups for ASCII words kept as runs of one byte array (a scalar is a byte there).
    private static func hashFeatures(of words: ASCIIWordRuns, into group: inout FeatureGroup) {
        let bytes = words.bytes
        for word in 0..<words.count {
            var h = FeatureHash.words
            h.add(bytes[words.range(word)])
            group.count(h.value)
        }
        group.flush(weight: groupWeights.words)
        for word in 0..<max(0, words.count - 1) {
            var h = FeatureHash.bigrams
            h.add(bytes[words.range(word)])
            h.add(UInt8(ascii: " "))
            h.add(bytes[words.range(word + 1)])
            group.count(h.value)
        }
        group.flush(weight: groupWeights.bigrams)
        for word in 0..<words.count {
            let range = words.range(word)
            // Trigrams of "^word$": position -1 is "^" and position `count` is "$".
            for start in (range.lowerBound - 1)...(range.upperBound - 2) {
                var h = FeatureHash.trigrams
                for position in start..<(start + 3) {
                    h.add(
                        position < range.lowerBound
                            ? UInt8(ascii: "^") : position >= range.upperBound ? UInt8(ascii: "$") : bytes[position])
                }
                group.count(h.value)
            }
        }
        group.flush(weight: groupWeights.trigrams)
    }
}

/// The words of an ASCII text as `LexicalFeatures.words(in:)` finds them (lowercased runs of letters
/// and digits), kept as ranges of one byte array instead of one string each.
private struct ASCIIWordRuns {
    private(set) var bytes: [UInt8] = []
    private var ends: [Int] = []

    /// Nil when `text` has a byte outside ASCII.
    init?(_ text: String) {
        bytes.reserveCapacity(text.utf8.count)
        var inWord = false
        for byte in text.utf8 {
            switch byte {
            case 0x80...:
                return nil
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                bytes.append(byte)
                inWord = true
            case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                bytes.append(byte + 0x20)
                inWord = true
            default:
                if inWord { ends.append(bytes.count) }
                inWord = false
            }
        }
        if inWord { ends.append(bytes.count) }
    }

    var count: Int { ends.count }

    func range(_ word: Int) -> Range<Int> {
        (word == 0 ? 0 : ends[word - 1])..<ends[word]
    }
}

/// FNV-1a 64 fed incrementally, so a feature is hashed from its parts.
private struct FeatureHash {
    private(set) var value = FNV1a64.offsetBasis

    /// The state after each group's prefix, hashed once.
    static let words = FeatureHash(prefix: "w|")
    static let bigrams = FeatureHash(prefix: "b|")
    static let trigrams = FeatureHash(prefix: "c|")

    init(prefix: StaticString) {
        prefix.withUTF8Buffer { for byte in $0 { add(byte) } }
    }

    @inline(__always)
    mutating func add(_ byte: UInt8) {
        value ^= UInt64(byte)
        value = value &* FNV1a64.prime
    }

    mutating func add<Bytes: Sequence<UInt8>>(_ bytes: Bytes) {
        for byte in bytes { add(byte) }
    }

    mutating func add(_ scalar: Unicode.Scalar) {
        for byte in scalar.utf8 { add(byte) }
    }
}
