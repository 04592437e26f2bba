extension Keyspace {
    /// Evicts keys, per the configured policy, until `used_memory` is at or below `maxmemory`
    /// or nothing evictable is left. Candidates are sampled (`maxmemory-samples` per database),
    /// as Redis does, rather than kept in a global order.
    func evictIfNeeded() {
        let limit = configuration.maxmemory
        guard limit > 0, configuration.policy != .noeviction else { return }
        while usedMemory > limit {
            if !evictOne() { return }
        }
    }

    /// Before a database's arrays grow, evicts until the grown table and the new entry fit under
    /// the limit (or growth is no longer needed), as Redis refuses dict expansion past maxmemory.
    func makeRoomForGrowth(_ db: Database, adding payload: Int) {
        let limit = configuration.maxmemory
        guard configuration.policy != .noeviction else { return }
        while db.growthForNextInsert > 0 && usedMemory + db.growthForNextInsert + payload > limit {
            if !evictOne() { return }
        }
    }

    private func evictOne() -> Bool {
        guard let (dbIndex, position) = evictionCandidate() else { return false }
        let key = databases[dbIndex].entry(at: position).key
        remove(dbIndex, position)
        stats.evictedKeys += 1
        signalModified(dbIndex, key)
        notify(.evicted, "evicted", key, dbIndex)
        return true
    }

    /// The next key to evict. Like Redis, sampled candidates go into a small pool of the best
    /// ones seen so far, so each eviction picks from more than one round of samples.
    private func evictionCandidate() -> (Int, Int)? {
        let policy = configuration.policy
        if policy == .allkeysRandom || policy == .volatileRandom {
            return randomCandidate(volatileOnly: policy.volatileOnly)
        }
        for dbIndex in databases.indices {
            let db = databases[dbIndex]
            let pool = policy.volatileOnly ? db.volatileCount : db.count
            guard pool > 0 else { continue }
            for _ in 0..<min(configuration.maxmemorySamples, pool) {
                let pick = random.below(pool)
                let position = policy.volatileOnly ? db.volatilePosition(pick) : pick
                let entry = db.entry(at: position)
                offerToPool(EvictionCandidate(database: dbIndex, key: entry.key, score: evictionScore(entry, policy)))
            }
        }
        while let best = evictionPool.popLast() {
            if let position = databases[best.database].position(of: best.key) { return (best.database, position) }
        }
        return nil
    }

    private func offerToPool(_ candidate: EvictionCandidate) {
        if evictionPool.contains(where: { $0.database == candidate.database && $0.key == candidate.key }) { return }
        if evictionPool.count >= EvictionCandidate.poolSize {
            guard let worst = evictionPool.first, candidate.score > worst.score else { return }
            evictionPool.removeFirst()
        }
        let index = evictionPool.firstIndex { $0.score > candidate.score } ?? evictionPool.count
        evictionPool.insert(candidate, at: index)
    }

    private func randomCandidate(volatileOnly: Bool) -> (Int, Int)? {
        let candidates = databases.indices.filter {
            volatileOnly ? databases[$0].volatileCount > 0 : databases[$0].count > 0
        }
        guard !candidates.isEmpty else { return nil }
        let dbIndex = candidates[random.below(candidates.count)]
        let db = databases[dbIndex]
        let pick = random.below(volatileOnly ? db.volatileCount : db.count)
        return (dbIndex, volatileOnly ? db.volatilePosition(pick) : pick)
    }

    /// Higher is a better eviction candidate: idle seconds, inverse frequency, or nearness of expiry.
    private func evictionScore(_ entry: Entry, _ policy: EvictionPolicy) -> Int64 {
        switch policy {
        case .allkeysLFU, .volatileLFU:
            return 255 - Int64(lfuDecay(entry.access) & 0xFF)
        case .volatileTTL:
            return Int64.max - entry.expireAt
        default:
            return Int64(lruClock &- entry.access)
        }
    }

    var lfuMinutes: UInt32 { UInt32(truncatingIfNeeded: (now / 60_000) & 0xFFFF) }

    /// Redis's LFU decay: the counter loses one per minute since the key was last touched.
    func lfuDecay(_ access: UInt32) -> UInt32 {
        let then = access >> 8
        let nowMinutes = lfuMinutes
        let elapsed = nowMinutes >= then ? nowMinutes - then : 0xFFFF - then + nowMinutes
        let counter = access & 0xFF
        let decayed = elapsed > counter ? 0 : counter - elapsed
        return (then << 8) | decayed
    }

    /// Redis's logarithmic LFU increment (lfu-log-factor 10), stamping the current minute.
    func lfuIncrement(_ access: UInt32) -> UInt32 {
        var counter = access & 0xFF
        if counter < 255 {
            let base = Double(max(0, Int(counter) - 5))
            let probability = 1.0 / (base * 10 + 1)
            let draw = Double(random.next() >> 11) / Double(1 << 53)
            if draw < probability { counter += 1 }
        }
        return (lfuMinutes << 8) | counter
    }
}

/// A key waiting in the eviction pool with the score it had when sampled (higher goes first).
struct EvictionCandidate {
    static let poolSize = 16
    var database: Int
    var key: KeyBytes
    var score: Int64
}
