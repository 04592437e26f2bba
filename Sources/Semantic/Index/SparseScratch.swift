import Foundation

/// Per-slot score sums of one sparse search. Slots are stamped with the search's epoch when first
/// touched, so nothing is cleared between searches: only the touched list is reset.
///
/// The sums are bit for bit a flat scan's (`VectorMath.dot`, `FlatScan`): bucket `b` of the first
/// `dimension / 16 * 16` goes into lane `b % 16` of a slot with a fused multiply-add in increasing `b`
/// order, lanes 0–7 and 8–15 are added and summed as `SIMD8.sum()` does; the remaining buckets are
/// then added one by one. Terms where either side is zero leave a flat scan's sums unchanged too.
struct SparseAccumulator {
    private var lanes: [Float] = []
    private var scores: [Float] = []
    private var stamps: [UInt32] = []
    private var touched: [Int32] = []
    private var epoch: UInt32 = 0
    private var queryBuckets: [Int] = []
    private var queryValues: [Float] = []

    /// Starts a search over `slots` slots.
    mutating func begin(slots: Int) {
        if scores.count < slots {
            lanes.append(contentsOf: repeatElement(0, count: 16 * (slots - scores.count)))
            stamps.append(contentsOf: repeatElement(0, count: slots - scores.count))
            scores.append(contentsOf: repeatElement(0, count: slots - scores.count))
        }
        touched.removeAll(keepingCapacity: true)
        epoch &+= 1
        if epoch == 0 {
            for i in stamps.indices { stamps[i] = 0 }
            epoch = 1
        }
    }

    /// Scores every slot sharing a non-zero bucket with `query` (see the type's note on rounding).
    mutating func score(_ query: [Float], postings: [[SparsePosting]]) {
        queryBuckets.removeAll(keepingCapacity: true)
        queryValues.removeAll(keepingCapacity: true)
        for (bucket, value) in query.enumerated() where value != 0 {
            queryBuckets.append(bucket)
            queryValues.append(value)
        }
        let laneEnd = query.count / 16 * 16
        let epoch = self.epoch
        var touched = self.touched
        defer { self.touched = touched }
        let queryBuckets = self.queryBuckets
        let queryValues = self.queryValues
        lanes.withUnsafeMutableBufferPointer { lanes in
            scores.withUnsafeMutableBufferPointer { scores in
                stamps.withUnsafeMutableBufferPointer { stamps in
                    var next = 0
                    while next < queryBuckets.count, queryBuckets[next] < laneEnd {
                        let bucket = queryBuckets[next]
                        let q = queryValues[next]
                        let lane = bucket & 15
                        postings[bucket].withUnsafeBufferPointer { list in
                            for posting in list {
                                let slot = Int(posting.slot)
                                if stamps[slot] != epoch {
                                    stamps[slot] = epoch
                                    for l in 0..<16 { lanes[slot &* 16 &+ l] = 0 }
                                    touched.append(posting.slot)
                                }
                                lanes[slot &* 16 &+ lane].addProduct(q, posting.value)
                            }
                        }
                        next += 1
                    }
                    guard let raw = lanes.baseAddress.map(UnsafeRawPointer.init) else { return }
                    for slot in touched {
                        let offset = Int(slot) * 64
                        let low = raw.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
                        let high = raw.loadUnaligned(fromByteOffset: offset + 32, as: SIMD8<Float>.self)
                        scores[Int(slot)] = (low + high).sum()
                    }
                    let zero = (SIMD8<Float>() + SIMD8<Float>()).sum()
                    while next < queryBuckets.count {
                        let q = queryValues[next]
                        postings[queryBuckets[next]].withUnsafeBufferPointer { list in
                            for posting in list {
                                let slot = Int(posting.slot)
                                if stamps[slot] != epoch {
                                    stamps[slot] = epoch
                                    scores[slot] = zero
                                    touched.append(posting.slot)
                                }
                                scores[slot] += q * posting.value
                            }
                        }
                        next += 1
                    }
                }
            }
        }
    }

    /// Calls `body` with each slot scored by this search and its score, in first-touched order.
    func forEachTouched(_ body: (Int, Float) -> Void) {
        for slot in touched { body(Int(slot), scores[Int(slot)]) }
    }

    /// Whether this search scored `slot`.
    func wasTouched(_ slot: Int) -> Bool {
        slot < stamps.count && stamps[slot] == epoch
    }
}

/// An accumulator kept with an index between searches, so a search allocates nothing in the
/// steady state. Copies of the index share it; a search that finds it busy uses a fresh one.
final class SparseScratch: @unchecked Sendable {
    private let lock = NSLock()
    private var kept = SparseAccumulator()

    func withAccumulator<T>(slots: Int, _ body: (inout SparseAccumulator) -> T) -> T {
        guard lock.try() else {
            var fresh = SparseAccumulator()
            fresh.begin(slots: slots)
            return body(&fresh)
        }
        defer { lock.unlock() }
        kept.begin(slots: slots)
        return body(&kept)
    }
}
