extension Keyspace {
    /// Keys sampled per database per round of the active expiry cycle (Redis's default).
    static let expireSamples = 20

    /// Deletes expired keys without waiting for reads, as Redis's active cycle does: per database,
    /// sample keys with a TTL and repeat while more than a quarter of a sample had expired.
    /// The server calls this about ten times a second.
    public func activeExpireCycle() {
        guard introspection.activeExpire else { return }
        now = clock.nowMilliseconds()
        for dbIndex in databases.indices {
            let db = databases[dbIndex]
            var rounds = 0
            while db.volatileCount > 0 && rounds < 16 {
                rounds += 1
                let samples = min(Self.expireSamples, db.volatileCount)
                var expired = 0
                for _ in 0..<samples {
                    guard db.volatileCount > 0 else { break }
                    let position = db.volatilePosition(random.below(db.volatileCount))
                    if db.entry(at: position).expireAt <= now {
                        deleteExpired(dbIndex, position)
                        expired += 1
                    }
                }
                if expired * 4 <= samples { break }
            }
        }
    }

    /// Average remaining TTL of a sample of keys with a TTL, for `INFO keyspace`'s `avg_ttl`.
    func averageTTL(_ db: Database) -> Int64 {
        guard db.volatileCount > 0 else { return 0 }
        let samples = min(db.volatileCount, 64)
        var total: Int64 = 0
        for slot in 0..<samples {
            total += max(0, db.entry(at: db.volatilePosition(slot)).expireAt - now)
        }
        return total / Int64(samples)
    }
}
