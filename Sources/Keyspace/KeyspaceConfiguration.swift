/// What a `Keyspace` is allowed to do: its memory limit and eviction policy, its password, and its
/// number of databases. `CONFIG SET` changes the running copy held by the keyspace.
public struct KeyspaceConfiguration: Sendable {
    /// The memory limit in bytes as `used_memory` counts it; 0 means no limit.
    public var maxmemory: Int
    /// What to do when a write would go over `maxmemory`.
    public var policy: EvictionPolicy
    /// When set, clients must `AUTH` (or `HELLO … AUTH`) before other commands.
    public var requirepass: String?
    /// Number of databases `SELECT` can reach (Redis's default is 16).
    public var databases: Int
    /// Keys sampled per eviction round, like Redis's `maxmemory-samples`.
    public var maxmemorySamples: Int
    /// The largest bulk string a client may send, reported by `CONFIG GET proto-max-bulk-len`.
    public var protoMaxBulkLength: Int
    /// The connection limit, reported by `CONFIG GET maxclients`; the server enforces it.
    public var maxclients: Int
    /// Values set for the parameters that change nothing here (`InertParameter`), by name.
    var inertValues: [String: String] = [:]

    /// Redis's defaults: no memory limit, `noeviction`, no password, 16 databases.
    public init(
        maxmemory: Int = 0,
        policy: EvictionPolicy = .noeviction,
        requirepass: String? = nil,
        databases: Int = 16,
        maxmemorySamples: Int = 5,
        protoMaxBulkLength: Int = 512 * 1024 * 1024,
        maxclients: Int = 10000
    ) {
        self.maxmemory = maxmemory
        self.policy = policy
        self.requirepass = requirepass
        self.databases = max(1, databases)
        self.maxmemorySamples = max(1, maxmemorySamples)
        self.protoMaxBulkLength = protoMaxBulkLength
        self.maxclients = maxclients
    }
}

/// The `maxmemory-policy` values this keyspace supports; raw values are Redis's names.
public enum EvictionPolicy: String, Sendable, CaseIterable {
    case noeviction
    case allkeysLRU = "allkeys-lru"
    case allkeysLFU = "allkeys-lfu"
    case allkeysRandom = "allkeys-random"
    case volatileLRU = "volatile-lru"
    case volatileTTL = "volatile-ttl"
    case volatileLFU = "volatile-lfu"
    case volatileRandom = "volatile-random"

    /// Whether only keys with a TTL may be evicted.
    var volatileOnly: Bool {
        self == .volatileLRU || self == .volatileTTL || self == .volatileLFU || self == .volatileRandom
    }

    /// Whether keys carry an LFU counter instead of an LRU time.
    var usesLFU: Bool { self == .allkeysLFU || self == .volatileLFU }
}
