/// One search result: the caller's entry id and its cosine similarity to the query.
public struct SearchHit: Equatable, Sendable {
    public var id: Int
    public var similarity: Float

    public init(id: Int, similarity: Float) {
        self.id = id
        self.similarity = similarity
    }
}

/// A nearest-neighbour index over unit vectors, ranked by cosine similarity (dot product).
public protocol VectorIndex: Sendable {
    var dimension: Int { get }
    var count: Int { get }
    /// Adds `vector` (unit length) under `id`; throws on a wrong dimension.
    mutating func add(id: Int, vector: [Float]) throws
    /// `add(id:vector:)` for a vector given by its non-zero components.
    mutating func add(id: Int, sparse vector: SparseVector) throws
    /// Removes the entry with `id`, if present.
    mutating func remove(id: Int)
    /// The `k` most similar entries, most similar first.
    func search(_ query: [Float], k: Int) throws -> [SearchHit]
}

extension VectorIndex {
    public mutating func add(id: Int, sparse vector: SparseVector) throws {
        try add(id: id, vector: vector.dense)
    }
}

/// Keeps the best `k` hits seen so far; tiny k makes insertion into a sorted array the fastest choice.
struct TopK {
    let k: Int
    private(set) var hits: [SearchHit] = []

    init(k: Int) {
        self.k = max(0, k)
        hits.reserveCapacity(self.k + 1)
    }

    /// The similarity a candidate must beat to enter.
    var threshold: Float { hits.count < k ? -.infinity : hits[hits.count - 1].similarity }

    mutating func offer(id: Int, similarity: Float) {
        guard k > 0, hits.count < k || similarity > threshold else { return }
        var index = hits.count
        while index > 0 && hits[index - 1].similarity < similarity { index -= 1 }
        hits.insert(SearchHit(id: id, similarity: similarity), at: index)
        if hits.count > k { hits.removeLast() }
    }
}
