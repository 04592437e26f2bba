/// Exact top-k search: every stored vector is scored against the query. Vectors live in one
/// contiguous buffer (`RowStorage`: aligned, on huge pages once big), either as Float (exact) or
/// Float16 (half the memory traffic, scores within ~1e-3).
public struct FlatIndex: VectorIndex {
    /// How stored vectors are kept.
    public enum Storage: String, Sendable, CaseIterable {
        case float32
        case float16
    }

    public let dimension: Int
    public let storage: Storage
    private var ids: [Int] = []
    private var positions: [Int: Int] = [:]
    private var floats = RowStorage<Float>()
    private var halves = RowStorage<Float16>()

    public init(dimension: Int, storage: Storage = .float32) {
        self.dimension = dimension
        self.storage = storage
    }

    public var count: Int { ids.count }

    public mutating func add(id: Int, vector: [Float]) throws {
        guard vector.count == dimension else {
            throw SemanticError.dimensionMismatch(expected: dimension, got: vector.count)
        }
        if positions[id] != nil { remove(id: id) }
        positions[id] = ids.count
        ids.append(id)
        switch storage {
        case .float32: floats.append(contentsOf: vector)
        case .float16: halves.append(contentsOf: vector.map { Float16($0) })
        }
    }

    /// Swaps the last entry into the removed slot, so storage stays contiguous.
    public mutating func remove(id: Int) {
        guard let position = positions.removeValue(forKey: id) else { return }
        let last = ids.count - 1
        if position != last {
            let moved = ids[last]
            ids[position] = moved
            positions[moved] = position
            switch storage {
            case .float32: floats.copy(from: last * dimension, to: position * dimension, length: dimension)
            case .float16: halves.copy(from: last * dimension, to: position * dimension, length: dimension)
            }
        }
        ids.removeLast()
        switch storage {
        case .float32: floats.removeLast(dimension)
        case .float16: halves.removeLast(dimension)
        }
    }

    public func search(_ query: [Float], k: Int) throws -> [SearchHit] {
        guard query.count == dimension else {
            throw SemanticError.dimensionMismatch(expected: dimension, got: query.count)
        }
        var top = TopK(k: min(k, count))
        let n = count
        let dim = dimension
        query.withUnsafeBufferPointer { q in
            guard let qp = q.baseAddress else { return }
            switch storage {
            case .float32:
                floats.withUnsafePointer { bp in
                    FlatScan.scan(query: qp, base: bp, count: n, dimension: dim) { row, score in
                        if score > top.threshold { top.offer(id: ids[row], similarity: score) }
                    }
                }
            case .float16:
                halves.withUnsafePointer { bp in
                    FlatScan.scan(query: qp, base: bp, count: n, dimension: dim) { row, score in
                        if score > top.threshold { top.offer(id: ids[row], similarity: score) }
                    }
                }
            }
        }
        return top.hits
    }

    /// Stored vector of `id`, widened to Float.
    public func vector(id: Int) -> [Float]? {
        guard let position = positions[id] else { return nil }
        let range = (position * dimension)..<((position + 1) * dimension)
        switch storage {
        case .float32: return floats[range]
        case .float16: return halves[range].map { Float($0) }
        }
    }

    @inline(__always)
    static func dotHalf(_ q: UnsafePointer<Float>, _ h: UnsafePointer<Float16>, _ n: Int) -> Float {
        var acc0 = SIMD8<Float>()
        var acc1 = SIMD8<Float>()
        let rq = UnsafeRawPointer(q)
        let rh = UnsafeRawPointer(h)
        var i = 0
        while i + 16 <= n {
            let h0 = SIMD8<Float>(rh.loadUnaligned(fromByteOffset: i * 2, as: SIMD8<Float16>.self))
            let h1 = SIMD8<Float>(rh.loadUnaligned(fromByteOffset: i * 2 + 16, as: SIMD8<Float16>.self))
            acc0.addProduct(rq.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self), h0)
            acc1.addProduct(rq.loadUnaligned(fromByteOffset: i * 4 + 32, as: SIMD8<Float>.self), h1)
            i += 16
        }
        var sum = (acc0 + acc1).sum()
        while i < n {
            sum += q[i] * Float(h[i])
            i += 1
        }
        return sum
    }
}
