/// The one byte budget of `archlab serve`'s in-process caches (`--cache-memory`, 64 MB by default),
/// split between the exact cache (a Keyspace with `maxmemory` and `allkeys-lru`) and the semantic
/// cache (least recently used entries evicted past its share). With a semantic cache (steps 3 to 8)
/// each gets half; without one (steps 1 and 2) the exact cache gets it all. Each cache evicts its own
/// least recently used entries, and a miss stores one entry in each, so the halves fill together.
public struct CacheMemoryBudget: Sendable, Hashable {
    /// The default budget: 64 MB.
    public static let defaultBytes = 64 << 20

    /// The whole budget in bytes.
    public let bytes: Int
    /// The exact cache's share.
    public let exactBytes: Int
    /// The semantic cache's share; 0 when there is no semantic cache.
    public let semanticBytes: Int

    /// `bytes` split for a gateway that has a semantic cache or not.
    public init(bytes: Int, semanticCache: Bool) {
        self.bytes = bytes
        self.semanticBytes = semanticCache ? bytes / 2 : 0
        self.exactBytes = bytes - semanticBytes
    }
}

/// What the caches hold and have evicted, as `/metrics` reports it.
public struct CacheMemoryUsage: Sendable, Hashable {
    /// Bytes the caches account to their entries.
    public var bytes: Int
    /// Entries evicted to stay within the budget, since the start.
    public var evictions: Int

    public init(bytes: Int, evictions: Int) {
        self.bytes = bytes
        self.evictions = evictions
    }
}
