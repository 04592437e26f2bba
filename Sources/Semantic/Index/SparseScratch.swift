import Foundation

/// Per-slot score sums of one sparse search, zeroed at the start of each search. Accumulating into
/// every slot without asking whether it was touched keeps the inner loop free of branches. The sums are
/// plain float sums, within a few ulps of a flat scan's; `SparseIndex` rescores the best of them exactly.
struct SparseAccumulator {
    private(set) var scores: [Float] = []

    /// Starts a search over `slots` slots.
    mutating func begin(slots: Int) {
        if scores.count < slots { scores.append(contentsOf: repeatElement(0, count: slots - scores.count)) }
        scores.withUnsafeMutableBufferPointer { scores in
            guard let base = scores.baseAddress else { return }
            base.update(repeating: 0, count: slots)
        }
    }

    /// Adds `query[b] * value` for every posting of every non-zero bucket `b` of the query.
    mutating func score(_ query: [Float], postings: [[SparsePosting]]) {
        scores.withUnsafeMutableBufferPointer { scores in
            for (bucket, q) in query.enumerated() where q != 0 {
                postings[bucket].withUnsafeBufferPointer { list in
                    for posting in list { scores[Int(posting.slot)] += q * posting.value }
                }
            }
        }
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
