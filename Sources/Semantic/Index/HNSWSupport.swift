/// A graph node with its similarity to the current query.
struct Candidate {
    var node: Int32
    var similarity: Float
}

/// A binary heap of candidates, either most similar on top (the search frontier) or least similar
/// on top (the bounded result set, whose worst member is evicted first).
struct CandidateHeap {
    private var items: [Candidate] = []
    private let maxOnTop: Bool

    init(maxOnTop: Bool) {
        self.maxOnTop = maxOnTop
    }

    var count: Int { items.count }
    var top: Candidate? { items.first }

    private func before(_ a: Candidate, _ b: Candidate) -> Bool {
        maxOnTop ? a.similarity > b.similarity : a.similarity < b.similarity
    }

    mutating func push(_ candidate: Candidate) {
        items.append(candidate)
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard before(items[child], items[parent]) else { break }
            items.swapAt(child, parent)
            child = parent
        }
    }

    @discardableResult
    mutating func pop() -> Candidate? {
        guard !items.isEmpty else { return nil }
        items.swapAt(0, items.count - 1)
        let result = items.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var best = parent
            if left < items.count && before(items[left], items[best]) { best = left }
            if right < items.count && before(items[right], items[best]) { best = right }
            if best == parent { break }
            items.swapAt(parent, best)
            parent = best
        }
        return result
    }

    func sortedDescending() -> [Candidate] {
        items.sorted { $0.similarity > $1.similarity }
    }
}

/// A bitmap of visited nodes for one search (one bit per node).
struct VisitedSet {
    private var words: [UInt64]

    init(count: Int) {
        words = [UInt64](repeating: 0, count: (count + 63) / 64)
    }

    /// Marks `node`; returns true when it was not yet visited.
    mutating func insert(_ node: Int32) -> Bool {
        let index = Int(node) >> 6
        let bit = UInt64(1) << UInt64(Int(node) & 63)
        if words[index] & bit != 0 { return false }
        words[index] |= bit
        return true
    }
}

/// A node's neighbour list with each neighbour's similarity to the node.
struct Links {
    var nodes: [Int32] = []
    var similarities: [Float] = []

    mutating func insert(_ node: Int32, similarity: Float, limit: Int) {
        if nodes.count < limit {
            nodes.append(node)
            similarities.append(similarity)
            return
        }
        guard var worst = similarities.indices.first else { return }
        for i in similarities.indices where similarities[i] < similarities[worst] { worst = i }
        if similarity > similarities[worst] {
            nodes[worst] = node
            similarities[worst] = similarity
        }
    }
}
