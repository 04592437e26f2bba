import Semantic

/// Distances exactly as RediSearch defines them, computed once per pair so every path (flat scan,
/// HNSW candidates, filtered search, range queries) gives the same float for the same two vectors.
///
/// RediSearch stores FLOAT32 vectors, normalises COSINE vectors on insert (sum of squares in double,
/// the norm rounded to float, each component divided in float) and returns a float distance:
/// `1 − a·b` for COSINE and IP, `Σ (aᵢ − bᵢ)²` for L2. Its SIMD kernels sum in float in an order that
/// depends on the CPU; here the sum is accumulated in double and rounded to float once, the most
/// accurate float for the definition.
enum SearchDistance {
    /// A stored or query vector as RediSearch keeps it: FLOAT32 little-endian, normalised for COSINE.
    static func prepare(_ blob: UnsafeRawBufferPointer, dimension: Int, metric: VectorMetric) -> [Float]? {
        guard blob.count == dimension * 4 else { return nil }
        var vector = [Float](repeating: 0, count: dimension)
        for i in 0..<dimension {
            vector[i] = Float(
                bitPattern: UInt32(littleEndian: blob.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self)))
        }
        if metric == .cosine { normalize(&vector) }
        return vector
    }

    static func prepare(_ bytes: [UInt8], dimension: Int, metric: VectorMetric) -> [Float]? {
        bytes.withUnsafeBytes { prepare($0, dimension: dimension, metric: metric) }
    }

    /// VecSim's `normalizeVector`: a zero vector becomes NaNs, as there.
    static func normalize(_ vector: inout [Float]) {
        var sum = 0.0
        for x in vector { sum += Double(x) * Double(x) }
        let norm = Float(sum.squareRoot())
        for i in vector.indices { vector[i] = vector[i] / norm }
    }

    /// The distance between two prepared vectors of `dimension` floats.
    @inline(__always)
    static func distance(
        _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ dimension: Int, _ metric: VectorMetric
    ) -> Float {
        switch metric {
        case .cosine, .ip:
            return 1 - Float(dotDouble(a, b, dimension))
        case .l2:
            return Float(squaredDistanceDouble(a, b, dimension))
        }
    }

    @inline(__always)
    static func dotDouble(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ n: Int) -> Double {
        var acc0 = SIMD4<Double>()
        var acc1 = SIMD4<Double>()
        let ra = UnsafeRawPointer(a)
        let rb = UnsafeRawPointer(b)
        var i = 0
        while i + 8 <= n {
            let x = ra.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
            let y = rb.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
            acc0.addProduct(SIMD4<Double>(x.lowHalf), SIMD4<Double>(y.lowHalf))
            acc1.addProduct(SIMD4<Double>(x.highHalf), SIMD4<Double>(y.highHalf))
            i += 8
        }
        var sum = (acc0 + acc1).sum()
        while i < n {
            sum += Double(a[i]) * Double(b[i])
            i += 1
        }
        return sum
    }

    @inline(__always)
    static func squaredDistanceDouble(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ n: Int) -> Double {
        var acc0 = SIMD4<Double>()
        var acc1 = SIMD4<Double>()
        let ra = UnsafeRawPointer(a)
        let rb = UnsafeRawPointer(b)
        var i = 0
        while i + 8 <= n {
            let x = ra.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
            let y = rb.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
            let d0 = SIMD4<Double>(x.lowHalf) - SIMD4<Double>(y.lowHalf)
            let d1 = SIMD4<Double>(x.highHalf) - SIMD4<Double>(y.highHalf)
            acc0.addProduct(d0, d0)
            acc1.addProduct(d1, d1)
            i += 8
        }
        var sum = (acc0 + acc1).sum()
        while i < n {
            let d = Double(a[i]) - Double(b[i])
            sum += d * d
            i += 1
        }
        return sum
    }
}

/// A vector field's index: every prepared vector in one contiguous array (the FLAT index, and the
/// exact distances of HNSW candidates), plus Semantic's HNSW graph for HNSW fields.
struct SearchVectorStore {
    let options: VectorOptions
    private(set) var rows: [Float] = []
    private(set) var documentIDs: [UInt64] = []
    private var rowOf: [UInt64: Int] = [:]
    private var graph: HNSWIndex?
    /// FLAT COSINE and IP fields: Semantic's flat index ranks candidates with its fast float scan.
    private var flat: FlatIndex?
    /// The largest norm of any vector stored so far (bounds the float pass's error for COSINE and IP).
    private var maxNorm: Float = 0

    init(options: VectorOptions) {
        self.options = options
        if options.algorithm == .flat && options.metric != .l2 { flat = FlatIndex(dimension: options.dimension) }
        if options.algorithm == .hnsw {
            graph = HNSWIndex(
                dimension: options.dimension, m: options.m, efConstruction: options.efConstruction,
                efSearch: options.efRuntime, seed: 0x5EA2C4,
                metric: options.metric == .l2 ? .negatedSquaredL2 : .dot)
        }
    }

    var count: Int { documentIDs.count }
    var dimension: Int { options.dimension }

    /// Approximate bytes held, for FT.INFO's `vector_index_sz_mb`.
    var byteCount: Int {
        rows.count * 4 * (graph == nil ? 1 : 2) + documentIDs.count * (graph == nil ? 24 : 24 + 8 * options.m * 3)
    }

    mutating func insert(_ id: UInt64, _ vector: [Float]) {
        remove(id)
        let norm = Float(vector.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot())
        if norm.isFinite { maxNorm = max(maxNorm, norm) }
        rowOf[id] = documentIDs.count
        documentIDs.append(id)
        rows.append(contentsOf: vector)
        try? graph?.add(id: Int(truncatingIfNeeded: id), vector: vector)
        try? flat?.add(id: Int(truncatingIfNeeded: id), vector: vector)
    }

    mutating func remove(_ id: UInt64) {
        guard let row = rowOf.removeValue(forKey: id) else { return }
        graph?.remove(id: Int(truncatingIfNeeded: id))
        flat?.remove(id: Int(truncatingIfNeeded: id))
        let last = documentIDs.count - 1
        let d = options.dimension
        if row != last {
            let moved = documentIDs[last]
            documentIDs[row] = moved
            rowOf[moved] = row
            for j in 0..<d { rows[row * d + j] = rows[last * d + j] }
        }
        documentIDs.removeLast()
        rows.removeLast(d)
    }

    mutating func removeAll() {
        self = SearchVectorStore(options: options)
    }

    func contains(_ id: UInt64) -> Bool { rowOf[id] != nil }

    /// The exact distance from `query` (prepared) to document `id`'s vector.
    func distance(_ query: [Float], to id: UInt64) -> Float? {
        guard let row = rowOf[id] else { return nil }
        let d = options.dimension
        return rows.withUnsafeBufferPointer { r in
            query.withUnsafeBufferPointer { q in
                guard let rp = r.baseAddress, let qp = q.baseAddress else { return nil }
                return SearchDistance.distance(rp + row * d, qp, d, options.metric)
            }
        }
    }

    /// Every stored document within `radius` of `query`, with its distance.
    func scan(_ query: [Float], _ body: (UInt64, Float) -> Void) {
        let d = options.dimension
        let metric = options.metric
        rows.withUnsafeBufferPointer { r in
            query.withUnsafeBufferPointer { q in
                guard let rp = r.baseAddress, let qp = q.baseAddress else { return }
                for row in 0..<documentIDs.count {
                    body(documentIDs[row], SearchDistance.distance(rp + row * d, qp, d, metric))
                }
            }
        }
    }

    /// The `k` nearest documents, nearest first (ties: lower document id first). FLAT scans every
    /// vector; HNSW asks Semantic's graph for candidates (width `max(efRuntime, k)`) and measures
    /// them exactly, so its answer can miss true neighbours as RediSearch's HNSW can.
    func nearest(_ query: [Float], k: Int, efRuntime: Int?) -> [(id: UInt64, distance: Float)] {
        guard k > 0, count > 0 else { return [] }
        if var graph {
            if let efRuntime { graph.efSearch = max(1, efRuntime) }
            // A few extra candidates, so the exact re-ranking decides ties the graph's float scores blur.
            let hits = (try? graph.search(query, k: k + max(8, k / 4))) ?? []
            var found: [(id: UInt64, distance: Float)] = []
            for hit in hits {
                let id = UInt64(truncatingIfNeeded: hit.id)
                if let distance = distance(query, to: id) { found.append((id, distance)) }
            }
            return Array(found.sorted { NearestList.before($0, $1) }.prefix(k))
        }
        if let flat { return rerank(query, k: k, flat) }
        return flatNearest(query, k: k).items
    }

    /// Candidates from Semantic's float scan, widened until every row left out is farther (by the float
    /// error bound) than the k-th candidate; then measured exactly, so the answer is the exact one.
    private func rerank(_ query: [Float], k: Int, _ flat: FlatIndex) -> [(id: UInt64, distance: Float)] {
        let queryNorm = Float(query.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot())
        let tolerance = Float(options.dimension + 2) * 4.8e-7 * queryNorm * maxNorm
        var width = k + 8
        var hits: [SearchHit] = []
        while true {
            hits = (try? flat.search(query, k: width)) ?? []
            guard hits.count >= width, hits.count > k else { break }
            let kth = 1 - hits[k - 1].similarity
            let last = 1 - hits[hits.count - 1].similarity
            if kth.isFinite && last > kth + tolerance + 4.8e-7 * (1 + abs(kth)) { break }
            width *= 4
        }
        var best = NearestList(k: k)
        for hit in hits {
            let id = UInt64(truncatingIfNeeded: hit.id)
            if let distance = distance(query, to: id) { best.offer(id, distance) }
        }
        return best.items
    }

    /// FLAT's exact top k, fast: a float pass with Semantic's SIMD kernels ranks every row, then only
    /// the rows within the float pass's error bound of the k-th best are measured exactly (in double),
    /// so the answer is the one a full exact scan gives.
    private func flatNearest(_ query: [Float], k: Int) -> NearestList {
        let d = options.dimension
        let n = documentIDs.count
        let metric = options.metric
        let queryNorm = Float(query.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot())
        var approx = [Float](repeating: 0, count: n)
        var firstPass = NearestList(k: k)
        return rows.withUnsafeBufferPointer { r -> NearestList in
            query.withUnsafeBufferPointer { q -> NearestList in
                var best = NearestList(k: k)
                guard let rp = r.baseAddress, let qp = q.baseAddress else { return best }
                for row in 0..<n {
                    let p = rp + row * d
                    let value =
                        metric == .l2 ? VectorMath.squaredDistance(p, qp, d) : 1 - VectorMath.dot(p, qp, d)
                    approx[row] = value
                    firstPass.offer(documentIDs[row], value)
                }
                guard firstPass.items.count == k, let kth = firstPass.items.last?.distance, kth.isFinite else {
                    for row in 0..<n {
                        best.offer(documentIDs[row], SearchDistance.distance(rp + row * d, qp, d, metric))
                    }
                    return best
                }
                // Float summation error: at most about n·2⁻²³ of |q|·|row| (dot) or of the sum (L2); four
                // times that, plus the final rounding to float, bounds it safely.
                let unit = Float(d + 2) * 4.8e-7
                let tolerance = metric == .l2 ? unit * abs(kth) : unit * queryNorm * maxNorm
                let limit = kth + tolerance + 4.8e-7 * (1 + abs(kth))
                for row in 0..<n where approx[row] <= limit || approx[row].isNaN {
                    best.offer(documentIDs[row], SearchDistance.distance(rp + row * d, qp, d, metric))
                }
                return best
            }
        }
    }
}

/// The best `k` (distance, id) pairs seen so far, kept sorted; NaN distances rank last.
struct NearestList {
    let k: Int
    private(set) var items: [(id: UInt64, distance: Float)] = []

    init(k: Int) {
        self.k = k
        items.reserveCapacity(min(k, 1024) + 1)
    }

    @inline(__always)
    static func before(_ a: (id: UInt64, distance: Float), _ b: (id: UInt64, distance: Float)) -> Bool {
        if a.distance.isNaN != b.distance.isNaN { return b.distance.isNaN }
        if a.distance != b.distance { return a.distance < b.distance }
        return a.id < b.id
    }

    @inline(__always)
    mutating func offer(_ id: UInt64, _ distance: Float) {
        let candidate = (id: id, distance: distance)
        if items.count == k {
            guard let worst = items.last, Self.before(candidate, worst) else { return }
        }
        var index = items.count
        while index > 0 && Self.before(candidate, items[index - 1]) { index -= 1 }
        items.insert(candidate, at: index)
        if items.count > k { items.removeLast() }
    }
}
