import Foundation

/// Signed counts of one feature group per bucket, L2-normalised into the combined vector.
struct FeatureGroup {
    private var counts: [Double]
    /// The weighted, normalised groups added so far.
    private var combined: [Double]
    /// Per bucket: bit 0 set while the current group has touched it, bit 1 once any group has.
    private var marks: [UInt8]
    /// Buckets of the current group, in the order they were first touched (the order their squares are summed).
    private var touched: [Int] = []
    /// Buckets any group of the current text has touched.
    private var reachedCount = 0
    private let buckets: UInt64
    var dimension: Int { marks.count }
    /// `dimension - 1` when the dimension is a power of two (1,024 is): the bucket is then a mask, not a division.
    private let mask: UInt64?

    init(dimension: Int) {
        self.counts = [Double](repeating: 0, count: dimension)
        self.combined = [Double](repeating: 0, count: dimension)
        self.marks = [UInt8](repeating: 0, count: dimension)
        self.buckets = UInt64(dimension)
        self.mask = dimension.nonzeroBitCount == 1 ? UInt64(dimension - 1) : nil
    }

    mutating func count(_ hash: UInt64) {
        let index = Int(mask.map { hash & $0 } ?? hash % buckets)
        if marks[index] & 1 == 0 {
            touched.append(index)
            if marks[index] == 0 { reachedCount += 1 }
            marks[index] = 3
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
        indices.reserveCapacity(reachedCount)
        values.reserveCapacity(reachedCount)
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
        guard reachedCount > 0 else { return }
        // The marked buckets in order, eight marks at a time: most words of marks are all zero.
        var reached = touched
        touched = []
        reached.reserveCapacity(reachedCount)
        reachedCount = 0
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

/// `FeatureGroup`s kept between texts, one per thread embedding at the same time, so an embedding
/// costs no large allocation.
final class FeatureScratch: @unchecked Sendable {
    static let shared = FeatureScratch()
    private let lock = NSLock()
    private var idle: [FeatureGroup] = []
    /// More idle groups than threads that embed at once are not kept.
    private static let kept = 8

    func withGroup<T>(dimension: Int, _ body: (inout FeatureGroup) -> T) -> T {
        lock.lock()
        let reused = idle.popLast()
        lock.unlock()
        var group = reused.flatMap { $0.dimension == dimension ? $0 : nil } ?? FeatureGroup(dimension: dimension)
        let result = body(&group)
        lock.lock()
        if idle.count < Self.kept { idle.append(group) }
        lock.unlock()
        return result
    }
}
