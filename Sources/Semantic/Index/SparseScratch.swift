import Foundation

/// Per-slot score sums of one sparse search. Slots are stamped with the search's epoch when first
/// touched, so nothing is cleared between searches: only the touched list is reset. The sums are
/// plain float sums, within a few ulps of a flat scan's; `SparseIndex` rescores the best of them exactly.
struct SparseAccumulator {
    private var scores: [Float] = []
    private var stamps: [UInt32] = []
    private var touched: [Int32] = []
    private var epoch: UInt32 = 0
    private var queryBuckets: [Int] = []
    private var queryValues: [Float] = []

    /// Starts a search over `slots` slots.
    mutating func begin(slots: Int) {
        if scores.count < slots {
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

    /// Sums `query[b] * value` over every posting of every non-zero bucket `b` of the query.
    mutating func score(_ query: [Float], postings: [[SparsePosting]]) {
        queryBuckets.removeAll(keepingCapacity: true)
        queryValues.removeAll(keepingCapacity: true)
        for (bucket, value) in query.enumerated() where value != 0 {
            queryBuckets.append(bucket)
            queryValues.append(value)
        }
        let epoch = self.epoch
        var touched = self.touched
        defer { self.touched = touched }
        let queryBuckets = self.queryBuckets
        let queryValues = self.queryValues
        scores.withUnsafeMutableBufferPointer { scores in
            stamps.withUnsafeMutableBufferPointer { stamps in
                for (bucket, q) in zip(queryBuckets, queryValues) {
                    postings[bucket].withUnsafeBufferPointer { list in
                        for posting in list {
                            let slot = Int(posting.slot)
                            if stamps[slot] == epoch {
                                scores[slot] += q * posting.value
                            } else {
                                stamps[slot] = epoch
                                scores[slot] = q * posting.value
                                touched.append(posting.slot)
                            }
                        }
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
