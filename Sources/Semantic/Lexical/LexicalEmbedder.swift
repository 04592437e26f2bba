import Foundation

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
        scratch.withGroup(dimension: dimension) { group in
            if let words = ASCIIWordRuns(text) {
                Self.hashFeatures(of: words, into: &group)
            } else {
                Self.hashFeatures(of: LexicalFeatures.words(in: text), into: &group)
            }
            return group.finish()
        }
    }

    /// `embed(text)`'s non-zero components, computed without the dense vector.
    public func sparseEmbedding(_ text: String) throws -> SparseVector {
        scratch.withGroup(dimension: dimension) { group in
            if let words = ASCIIWordRuns(text) {
                Self.hashFeatures(of: words, into: &group)
            } else {
                Self.hashFeatures(of: LexicalFeatures.words(in: text), into: &group)
            }
            return group.finishSparse()
        }
    }

    /// Bucket arrays kept between embeddings, so one costs no large allocation.
    private let scratch = FeatureScratch()

    /// The three feature groups of words given as strings (any text).
    private static func hashFeatures(of texts: [String], into group: inout FeatureGroup) {
        let words = texts.map { Array($0.utf8) }
        for word in words {
            var h = FeatureHash(prefix: "w|")
            h.add(word)
            group.count(h.value)
        }
        group.flush(weight: groupWeights.words)
        for (first, second) in zip(words, words.dropFirst()) {
            var h = FeatureHash(prefix: "b|")
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
                var h = FeatureHash(prefix: "c|")
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
                    h.add(position < range.lowerBound ? UInt8(ascii: "^") : position >= range.upperBound ? UInt8(ascii: "$") : bytes[position])
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

/// Signed counts of one feature group per bucket, L2-normalised into the combined vector.
private struct FeatureGroup {
    private var counts: [Double]
    /// The weighted, normalised groups added so far.
    private var combined: [Double]
    /// Per bucket: bit 0 set while the current group has touched it, bit 1 once any group has.
    private var marks: [UInt8]
    /// Buckets of the current group, in the order they were first touched (the order their squares are summed).
    private var touched: [Int] = []
    private var reachedAny = false
    private let dimension: UInt64
    /// `dimension - 1` when the dimension is a power of two (1,024 is): the bucket is then a mask, not a division.
    private let mask: UInt64?

    init(dimension: Int) {
        self.counts = [Double](repeating: 0, count: dimension)
        self.combined = [Double](repeating: 0, count: dimension)
        self.marks = [UInt8](repeating: 0, count: dimension)
        self.dimension = UInt64(dimension)
        self.mask = dimension.nonzeroBitCount == 1 ? UInt64(dimension - 1) : nil
    }

    mutating func count(_ hash: UInt64) {
        let index = Int(mask.map { hash & $0 } ?? hash % dimension)
        if marks[index] & 1 == 0 {
            touched.append(index)
            marks[index] = 3
            reachedAny = true
        }
        counts[index] += (hash >> 63) == 0 ? 1 : -1
    }

    /// Adds `weight` times the group's unit-length count vector to the combined vector and resets the counts.
    mutating func flush(weight: Double) {
        defer {
            for index in touched {
                counts[index] = 0
                marks[index] = 2
            }
            touched.removeAll(keepingCapacity: true)
        }
        guard !touched.isEmpty else { return }
        let length = touched.reduce(0) { $0 + counts[$1] * counts[$1] }.squareRoot()
        guard length > 0 else { return }
        for index in touched {
            combined[index] += weight * counts[index] / length
        }
    }

    /// The combined vector at unit length, leaving the group empty for the next text. Only the
    /// buckets some feature reached can be non-zero: summing their squares in bucket order adds
    /// exactly what summing every bucket's square in order adds.
    mutating func finish() -> [Float] {
        var vector = [Float](repeating: 0, count: marks.count)
        finish { index, value in vector[index] = value }
        return vector
    }

    /// `finish()`'s non-zero components.
    mutating func finishSparse() -> SparseVector {
        var indices: [Int32] = []
        var values: [Float] = []
        finish { index, value in
            guard value != 0 else { return }
            indices.append(Int32(truncatingIfNeeded: index))
            values.append(value)
        }
        return SparseVector(dimension: marks.count, indices: indices, values: values)
    }

    /// Reports each reached bucket's component at unit length, in bucket order, and empties the group
    /// for the next text (nothing is reported when the vector is all zeros). Only the buckets some
    /// feature reached can be non-zero: summing their squares in bucket order adds exactly what
    /// summing every bucket's square in order adds.
    private mutating func finish(_ report: (Int, Float) -> Void) {
        guard reachedAny else { return }
        reachedAny = false
        // The marked buckets in order, eight marks at a time: most words of marks are all zero.
        var reached = touched
        touched = []
        defer {
            reached.removeAll(keepingCapacity: true)
            touched = reached
        }
        marks.withUnsafeBytes { raw in
            var offset = 0
            while offset + 8 <= raw.count {
                if raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self) != 0 {
                    for index in offset..<(offset + 8) where raw[index] != 0 { reached.append(index) }
                }
                offset += 8
            }
            for index in offset..<raw.count where raw[index] != 0 { reached.append(index) }
        }
        var length = 0.0
        for index in reached { length += combined[index] * combined[index] }
        length = length.squareRoot()
        for index in reached {
            if length > 0 { report(index, Float(combined[index] / length)) }
            combined[index] = 0
            marks[index] = 0
        }
    }
}

/// One `FeatureGroup` kept with an embedder between texts; a text that finds it busy (another
/// thread) gets a fresh one.
private final class FeatureScratch: @unchecked Sendable {
    private let lock = NSLock()
    private var kept: FeatureGroup?

    func withGroup<T>(dimension: Int, _ body: (inout FeatureGroup) -> T) -> T {
        guard lock.try() else {
            var fresh = FeatureGroup(dimension: dimension)
            return body(&fresh)
        }
        defer { lock.unlock() }
        var group = kept ?? FeatureGroup(dimension: dimension)
        kept = nil
        let result = body(&group)
        kept = group
        return result
    }
}
