import CPrefetch
import Foundation
import SeededRandom

/// Approximate nearest-neighbour search with a Hierarchical Navigable Small World graph
/// (Malkov & Yashunin): a greedy descent through sparse upper layers, then a best-first search of
/// width `ef` on the dense bottom layer. Removal marks an entry deleted (it still routes searches);
/// once deleted entries outnumber live ones the graph is rebuilt from the live entries.
/// Similarity is the dot product by default (unit vectors: cosine); `.negatedSquaredL2` ranks by
/// Euclidean distance instead (similarity = −‖a − b‖², so larger is still closer).
public struct HNSWIndex: VectorIndex {
    /// How two vectors are compared.
    public enum Metric: Sendable {
        case dot
        case negatedSquaredL2
    }

    public let dimension: Int
    public let metric: Metric
    /// Neighbours kept per node on upper layers (twice as many on layer 0).
    public let m: Int
    /// Search width while inserting.
    public let efConstruction: Int
    /// Search width for queries (raised to k when smaller).
    public var efSearch: Int

    /// Random access: huge pages (`RowStorage`) spare most TLB misses on a big index.
    private var vectors = RowStorage<Float>()
    private var ids: [Int] = []
    private var deleted: [Bool] = []
    private var positions: [Int: Int32] = [:]
    private var levels: [Int] = []
    /// Layer-0 links of every node, and upper-layer links of the nodes that reach those layers.
    private var bottom: [Links] = []
    private var upper: [[Int32: Links]] = []
    private var entryPoint: Int32 = -1
    private var generator: SplitMix64
    private var liveCount = 0

    public init(
        dimension: Int, m: Int = 24, efConstruction: Int = 128, efSearch: Int = 64, seed: UInt64 = 42,
        metric: Metric = .dot
    ) {
        self.dimension = dimension
        self.metric = metric
        self.m = max(2, m)
        self.efConstruction = max(1, efConstruction)
        self.efSearch = max(1, efSearch)
        self.generator = SplitMix64(seed: seed)
    }

    public var count: Int { liveCount }

    public mutating func add(id: Int, vector: [Float]) throws {
        guard vector.count == dimension else {
            throw SemanticError.dimensionMismatch(expected: dimension, got: vector.count)
        }
        remove(id: id)
        let node = Int32(ids.count)
        ids.append(id)
        deleted.append(false)
        positions[id] = node
        vectors.append(contentsOf: vector)
        liveCount += 1
        let level = randomLevel()
        levels.append(level)
        bottom.append(Links())
        while upper.count < level { upper.append([:]) }
        guard entryPoint >= 0 else {
            entryPoint = node
            return
        }
        var current = entryPoint
        let top = levels[Int(entryPoint)]
        var currentLevel = top
        while currentLevel > level {
            current = greedy(from: current, level: currentLevel, query: node)
            currentLevel -= 1
        }
        var entries = [current]
        for l in stride(from: min(level, top), through: 0, by: -1) {
            let found = searchLayer(entries: entries, level: l, ef: efConstruction) { self.similarity(node, $0) }
            let chosen = selectNeighbours(found, limit: l == 0 ? 2 * m : m)
            setNeighbours(node, level: l, Links(nodes: chosen.map(\.node), similarities: chosen.map(\.similarity)))
            var reachable = false
            for candidate in chosen {
                reachable =
                    link(candidate.node, to: node, similarity: candidate.similarity, level: l, force: false)
                    || reachable
            }
            if !reachable, let nearest = chosen.first {
                // Every neighbour's list was full of closer nodes: force one in-link so the node stays reachable.
                link(nearest.node, to: node, similarity: nearest.similarity, level: l, force: true)
            }
            entries = found.map(\.node)
        }
        if level > top { entryPoint = node }
    }

    public mutating func remove(id: Int) {
        guard let node = positions.removeValue(forKey: id) else { return }
        deleted[Int(node)] = true
        liveCount -= 1
        if ids.count - liveCount > max(64, liveCount) { rebuild() }
    }

    /// Re-inserts the live entries into a fresh graph, dropping deleted nodes.
    private mutating func rebuild() {
        var fresh = HNSWIndex(
            dimension: dimension, m: m, efConstruction: efConstruction, efSearch: efSearch, seed: generator.next(),
            metric: metric)
        for node in ids.indices where !deleted[node] {
            let start = node * dimension
            try? fresh.add(id: ids[node], vector: vectors[start..<(start + dimension)])
        }
        self = fresh
    }

    public func search(_ query: [Float], k: Int) throws -> [SearchHit] {
        guard query.count == dimension else {
            throw SemanticError.dimensionMismatch(expected: dimension, got: query.count)
        }
        guard entryPoint >= 0, k > 0 else { return [] }
        return query.withUnsafeBufferPointer { q -> [SearchHit] in
            guard let qp = q.baseAddress else { return [] }
            let score: (Int32) -> Float = { self.similarity(qp, $0) }
            var current = entryPoint
            var level = levels[Int(entryPoint)]
            while level > 0 {
                current = greedy(from: current, level: level, score: score)
                level -= 1
            }
            let found = searchLayer(entries: [current], level: 0, ef: max(efSearch, k), score: score)
            var top = TopK(k: k)
            for candidate in found where !deleted[Int(candidate.node)] {
                top.offer(id: ids[Int(candidate.node)], similarity: candidate.similarity)
            }
            return top.hits
        }
    }

    private mutating func randomLevel() -> Int {
        let unit = Double(generator.next() >> 11) / Double(1 << 53)
        let level = Int(-Foundation.log(max(unit, 1e-300)) / Foundation.log(Double(m)))
        return min(level, 16)
    }

    private func neighbours(_ node: Int32, level: Int) -> [Int32] {
        level == 0 ? bottom[Int(node)].nodes : upper[level - 1][node]?.nodes ?? []
    }

    private mutating func setNeighbours(_ node: Int32, level: Int, _ links: Links) {
        if level == 0 { bottom[Int(node)] = links } else { upper[level - 1][node] = links }
    }

    /// Adds `node` to `target`'s links; when the list is full it replaces the least similar link
    /// if `node` is closer, or anyway when `force` is set (the paper's simple selection, which needs no
    /// further distance computations). Returns whether the link was made.
    @discardableResult
    private mutating func link(_ target: Int32, to node: Int32, similarity: Float, level: Int, force: Bool) -> Bool {
        let limit = level == 0 ? 2 * m : m
        if level == 0 {
            return bottom[Int(target)].insert(node, similarity: similarity, limit: limit, force: force)
        }
        return upper[level - 1][target, default: Links()].insert(
            node, similarity: similarity, limit: limit, force: force)
    }

    /// The heuristic of the HNSW paper: keep a candidate only if it is closer to the base than to any
    /// neighbour already kept, which spreads links in different directions; fill up with the rest.
    private func selectNeighbours(_ sorted: [Candidate], limit: Int) -> [Candidate] {
        var kept: [Candidate] = []
        var skipped: [Candidate] = []
        for candidate in sorted {
            if kept.count >= limit { break }
            if kept.allSatisfy({ similarity(candidate.node, $0.node) < candidate.similarity }) {
                kept.append(candidate)
            } else {
                skipped.append(candidate)
            }
        }
        for candidate in skipped where kept.count < limit { kept.append(candidate) }
        return kept
    }

    private func greedy(from start: Int32, level: Int, query: Int32) -> Int32 {
        greedy(from: start, level: level) { self.similarity(query, $0) }
    }

    private func greedy(from start: Int32, level: Int, score: (Int32) -> Float) -> Int32 {
        var current = start
        var best = score(current)
        var improved = true
        while improved {
            improved = false
            for next in neighbours(current, level: level) {
                let s = score(next)
                if s > best {
                    best = s
                    current = next
                    improved = true
                }
            }
        }
        return current
    }

    /// Best-first search of one layer; returns up to `ef` nodes, most similar first.
    private func searchLayer(entries: [Int32], level: Int, ef: Int, score: (Int32) -> Float) -> [Candidate] {
        var visited = VisitedSet(count: ids.count)
        var frontier = CandidateHeap(maxOnTop: true)
        var results = CandidateHeap(maxOnTop: false)
        for entry in entries where visited.insert(entry) {
            let candidate = Candidate(node: entry, similarity: score(entry))
            frontier.push(candidate)
            results.push(candidate)
            if results.count > ef { results.pop() }
        }
        var fresh: [Int32] = []
        while let closest = frontier.pop() {
            if let worst = results.top, results.count >= ef, closest.similarity < worst.similarity { break }
            fresh.removeAll(keepingCapacity: true)
            for next in neighbours(closest.node, level: level) where visited.insert(next) {
                fresh.append(next)
            }
            prefetch(fresh)
            for next in fresh {
                let s = score(next)
                if results.count < ef || s > (results.top?.similarity ?? -.infinity) {
                    let candidate = Candidate(node: next, similarity: s)
                    frontier.push(candidate)
                    results.push(candidate)
                    if results.count > ef { results.pop() }
                }
            }
        }
        return results.sortedDescending()
    }

    /// Requests the vectors of `nodes` before they are scored, so their cache misses overlap
    /// instead of each waiting in turn (the nodes lie scattered over the whole index).
    private func prefetch(_ nodes: [Int32]) {
        let bytes = dimension * MemoryLayout<Float>.stride
        vectors.withUnsafePointer { p in
            for node in nodes {
                let row = UnsafeRawPointer(p + Int(node) * dimension)
                var offset = 0
                while offset < bytes {
                    archlab_prefetch(row + offset)
                    offset += 64
                }
            }
        }
    }

    private func similarity(_ a: Int32, _ b: Int32) -> Float {
        vectors.withUnsafePointer { p in compare(p + Int(a) * dimension, p + Int(b) * dimension) }
    }

    private func similarity(_ query: UnsafePointer<Float>, _ node: Int32) -> Float {
        vectors.withUnsafePointer { p in compare(query, p + Int(node) * dimension) }
    }

    @inline(__always)
    private func compare(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>) -> Float {
        switch metric {
        case .dot: return VectorMath.dot(x, y, dimension)
        case .negatedSquaredL2: return -VectorMath.squaredDistance(x, y, dimension)
        }
    }
}
