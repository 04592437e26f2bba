/// Settings of a `SemanticCache`.
public struct SemanticCacheConfiguration: Sendable {
    /// Minimum plain cosine similarity (dot product of unit vectors, in [-1, 1]) for a semantic hit.
    /// Not a distance and not rescaled: RedisVL's distance 0.1 is similarity 0.9 here, and Upstash's
    /// (1 + cos) / 2 score of 0.95 is similarity 0.9. A lookup hits when similarity ≥ threshold.
    public var threshold: Float
    /// Absolute time to live in seconds, counted from when the entry was stored (hits do not extend it).
    public var ttl: Double
    /// Most entries kept over all partitions; the least recently used is evicted beyond it.
    public var maxEntries: Int
    /// Most bytes the entries may take, as `SemanticCache.byteCount` estimates them; the least
    /// recently used entries are evicted beyond it. `Int.max` for no byte limit.
    public var maxBytes: Int = Int.max
    /// How each partition's vectors are searched.
    public var index: IndexKind

    /// Exact search suits caches up to tens of thousands of entries; HNSW trades a little recall for
    /// much faster lookups in larger ones. `sparse` is exact too, and fast when vectors have few
    /// non-zero components (the lexical embedder's).
    public enum IndexKind: Sendable, Equatable {
        case flat(FlatIndex.Storage)
        case hnsw(m: Int, efSearch: Int)
        case sparse

        /// The exact index that suits `embedder`'s vectors: `sparse` for sparse ones, else flat Float32.
        public static func suited(to embedder: any Embedder) -> IndexKind {
            embedder.vectorsAreSparse ? .sparse : .flat(.float32)
        }

        func make(dimension: Int) -> any VectorIndex {
            switch self {
            case .flat(let storage): return FlatIndex(dimension: dimension, storage: storage)
            case .hnsw(let m, let efSearch): return HNSWIndex(dimension: dimension, m: m, efSearch: efSearch)
            case .sparse: return SparseIndex(dimension: dimension)
            }
        }
    }

    public init(
        threshold: Float = 0.9, ttl: Double = 3600, maxEntries: Int = 10_000, index: IndexKind = .flat(.float32)
    ) {
        self.threshold = threshold
        self.ttl = ttl
        self.maxEntries = max(1, maxEntries)
        self.index = index
    }
}

/// The result of one lookup.
public struct SemanticLookup: Sendable, Equatable {
    public enum Outcome: String, Sendable {
        /// The normalised prompt was stored before; no embedding was compared.
        case exactHit = "exact-hit"
        /// The nearest stored prompt is at least `threshold` similar.
        case semanticHit = "semantic-hit"
        case miss
    }

    public var outcome: Outcome
    public var response: String?
    /// The prompt whose answer was returned, or the nearest one on a miss.
    public var nearestPrompt: String?
    /// Cosine similarity of the nearest live entry in the partition (1 for an exact hit; nil when empty).
    public var nearestSimilarity: Float?

    public var isHit: Bool { outcome != .miss }
}

/// Counters of a cache since it was created.
public struct SemanticCacheStats: Sendable, Equatable {
    public var lookups = 0
    public var exactHits = 0
    public var semanticHits = 0
    public var misses = 0
    public var stores = 0
    public var evictions = 0
    public var expirations = 0
    /// Nearest similarity of every lookup, most recent last (bounded to the last 1,000).
    public var nearestSimilarities: [Float?] = []

    public var hits: Int { exactHits + semanticHits }
    /// Hits over lookups, 0 when nothing was looked up.
    public var hitRate: Double { lookups == 0 ? 0 : Double(hits) / Double(lookups) }
}
