/// Exact top-k search for sparse vectors (the lexical embedder's ~50 non-zero buckets of 1024)
/// through an inverted index: each bucket lists the entries that are non-zero there, so a query reads
/// only its own buckets' lists (plus one pass over a per-entry score array), not every entry's every
/// component. It returns the same hits as `FlatIndex`, in the same
/// order on ties, with bit-identical cosines: the postings give plain float sums, and the entries within
/// `rescoreMargin` of the k-th best are rescored exactly as a flat scan rounds. Removal leaves a
/// tombstone; the postings are compacted once tombstones outnumber half the live entries. A small index
/// (under `postingsFrom` entries: a cache partition of a few prompts) keeps no postings and rescores
/// every entry, which is cheaper than keeping a list per bucket for each of thousands of partitions.
public struct SparseIndex: VectorIndex {
    public let dimension: Int
    /// Per bucket, the slots non-zero there with their values, in increasing slot order; empty until
    /// the index holds `postingsFrom` entries.
    private var postings: [[SparsePosting]] = []
    /// Per slot: the caller's id, whether it is live, and its row (see `rows`).
    private var slotIDs: [Int] = []
    private var slotLive: [Bool] = []
    private var slotRows: [Int32] = []
    /// Per slot, its non-zero buckets (increasing) and values: `slotStarts[s]..<slotStarts[s + 1]`.
    private var slotStarts: [Int] = [0]
    private var slotBuckets: [Int32] = []
    private var slotValues: [Float] = []
    /// Live slots in the order `FlatIndex` would hold them (append, swap-remove): ties between
    /// equal similarities go to the lower row, as in a flat scan.
    private var rows: [Int32] = []
    private var positions: [Int: Int32] = [:]
    private var tombstones = 0
    private let scratch = SparseScratch()

    /// Entries from which searching the postings beats rescoring every entry.
    static let postingsFrom = 32

    public init(dimension: Int) {
        self.dimension = dimension
    }

    public var count: Int { positions.count }

    public mutating func add(id: Int, vector: [Float]) throws {
        guard vector.count == dimension else {
            throw SemanticError.dimensionMismatch(expected: dimension, got: vector.count)
        }
        try add(id: id, sparse: SparseVector(vector))
    }

    /// Stores the components as given (the non-zero ones, buckets increasing), with no dense pass.
    public mutating func add(id: Int, sparse vector: SparseVector) throws {
        guard vector.dimension == dimension else {
            throw SemanticError.dimensionMismatch(expected: dimension, got: vector.dimension)
        }
        remove(id: id)
        guard let slot = Int32(exactly: slotIDs.count), let row = Int32(exactly: rows.count) else {
            throw SemanticError.indexFull(capacity: Int(Int32.max))
        }
        slotIDs.append(id)
        slotLive.append(true)
        slotRows.append(row)
        rows.append(slot)
        positions[id] = slot
        for (bucket, value) in zip(vector.indices, vector.values) where value != 0 {
            slotBuckets.append(bucket)
            slotValues.append(value)
        }
        slotStarts.append(slotBuckets.count)
        if !postings.isEmpty {
            addPostings(of: Int(slot))
        } else if positions.count >= Self.postingsFrom {
            postings = Array(repeating: [], count: dimension)
            for live in slotIDs.indices where slotLive[live] { addPostings(of: live) }
        }
    }

    private mutating func addPostings(of slot: Int) {
        for index in slotStarts[slot]..<slotStarts[slot + 1] {
            postings[Int(slotBuckets[index])].append(SparsePosting(slot: Int32(slot), value: slotValues[index]))
        }
    }

    /// Far more than the rounding difference between two float sums of unit vectors' products
    /// (under 1e-4 even for dense 1024-d vectors), so no entry outside it can reach the top k.
    static let rescoreMargin: Float = 1e-3

    public mutating func remove(id: Int) {
        guard let slot = positions.removeValue(forKey: id) else { return }
        slotLive[Int(slot)] = false
        tombstones += 1
        let row = Int(slotRows[Int(slot)])
        let last = rows.count - 1
        if row != last {
            let moved = rows[last]
            rows[row] = moved
            slotRows[Int(moved)] = Int32(row)
        }
        rows.removeLast()
        if tombstones > max(64, count / 2) { compact() }
    }

    public func search(_ query: [Float], k: Int) throws -> [SearchHit] {
        guard query.count == dimension else {
            throw SemanticError.dimensionMismatch(expected: dimension, got: query.count)
        }
        let wanted = min(k, count)
        guard wanted > 0 else { return [] }
        guard !postings.isEmpty else { return rescoringEveryEntry(query, k: wanted) }
        return scratch.withAccumulator(slots: slotIDs.count) { accumulator in
            accumulator.score(query, postings: postings)
            let scores = accumulator.scores
            var rough = RankedTopK(k: wanted)
            for slot in slotIDs.indices where slotLive[slot] && scores[slot] >= rough.threshold {
                rough.offer(id: slot, similarity: scores[slot], row: slotRows[slot])
            }
            // Entries sharing no bucket with the query sum to exactly 0 here and in a flat scan alike,
            // so they need no special case: when they are near the top, they are rescored too.
            let cut = rough.threshold - Self.rescoreMargin
            var top = RankedTopK(k: wanted)
            query.withUnsafeBufferPointer { q in
                for slot in slotIDs.indices where slotLive[slot] && scores[slot] >= cut {
                    offerExactly(slot, query: q, to: &top)
                }
            }
            return top.hits
        }
    }

    /// The top `k` by exact flat-scan rounding of every live entry (a small index has no postings).
    private func rescoringEveryEntry(_ query: [Float], k: Int) -> [SearchHit] {
        var top = RankedTopK(k: k)
        query.withUnsafeBufferPointer { q in
            for slot in slotIDs.indices where slotLive[slot] {
                offerExactly(slot, query: q, to: &top)
            }
        }
        return top.hits
    }

    /// Offers `slot` to `top` with its cosine rounded exactly as a flat scan rounds it.
    private func offerExactly(_ slot: Int, query: UnsafeBufferPointer<Float>, to top: inout RankedTopK) {
        let range = slotStarts[slot]..<slotStarts[slot + 1]
        let exact = FlatRounding.dot(query: query, buckets: slotBuckets[range], values: slotValues[range])
        top.offer(id: slotIDs[slot], similarity: exact, row: slotRows[slot])
    }

    /// Renumbers the live slots densely and drops the tombstones' postings.
    private mutating func compact() {
        var renumbered = [Int32](repeating: -1, count: slotIDs.count)
        var next: Int32 = 0
        for slot in slotIDs.indices where slotLive[slot] {
            renumbered[slot] = next
            next += 1
        }
        var ids: [Int] = []
        var slotRowsNew: [Int32] = []
        var starts = [0]
        var buckets: [Int32] = []
        var values: [Float] = []
        ids.reserveCapacity(Int(next))
        slotRowsNew.reserveCapacity(Int(next))
        for slot in slotIDs.indices where slotLive[slot] {
            ids.append(slotIDs[slot])
            slotRowsNew.append(slotRows[slot])
            buckets.append(contentsOf: slotBuckets[slotStarts[slot]..<slotStarts[slot + 1]])
            values.append(contentsOf: slotValues[slotStarts[slot]..<slotStarts[slot + 1]])
            starts.append(buckets.count)
        }
        slotStarts = starts
        slotBuckets = buckets
        slotValues = values
        for bucket in postings.indices {
            postings[bucket].removeAll { !slotLive[Int($0.slot)] }
            for i in postings[bucket].indices {
                postings[bucket][i].slot = renumbered[Int(postings[bucket][i].slot)]
            }
        }
        for row in rows.indices { rows[row] = renumbered[Int(rows[row])] }
        for (id, slot) in positions { positions[id] = renumbered[Int(slot)] }
        slotIDs = ids
        slotRows = slotRowsNew
        slotLive = Array(repeating: true, count: ids.count)
        tombstones = 0
    }
}

/// One entry of a bucket's posting list.
struct SparsePosting {
    var slot: Int32
    var value: Float
}

/// The best `k` hits ordered by similarity, then by row (lower first) as a flat scan would order ties.
struct RankedTopK {
    let k: Int
    private(set) var hits: [SearchHit] = []
    private var hitRows: [Int32] = []

    init(k: Int) {
        self.k = max(0, k)
        hits.reserveCapacity(self.k + 1)
        hitRows.reserveCapacity(self.k + 1)
    }

    /// The similarity a candidate must reach (and win the row tie-break at) to enter.
    var threshold: Float { hits.count < k ? -.infinity : hits[hits.count - 1].similarity }

    mutating func offer(id: Int, similarity: Float, row: Int32) {
        guard k > 0 else { return }
        var index = hits.count
        while index > 0,
            hits[index - 1].similarity < similarity
                || (hits[index - 1].similarity == similarity && hitRows[index - 1] > row)
        {
            index -= 1
        }
        guard index < k else { return }
        hits.insert(SearchHit(id: id, similarity: similarity), at: index)
        hitRows.insert(row, at: index)
        if hits.count > k {
            hits.removeLast()
            hitRows.removeLast()
        }
    }
}
