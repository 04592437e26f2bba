extension Keyspace {
    /// `used_memory` as `INFO memory` reports it: a fixed baseline (Redis's, and the empty
    /// databases' tables) plus the bytes accounted to stored data. `maxmemory` bounds this number.
    public var usedMemoryBytes: Int { usedMemory }

    /// Keys evicted to stay under `maxmemory` since the start (`INFO stats`' `evicted_keys`).
    public var evictedKeyCount: Int { stats.evictedKeys }
}
