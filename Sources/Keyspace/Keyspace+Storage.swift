import NIOCore

extension Keyspace {
    static let wrongType = "WRONGTYPE Operation against a key holding the wrong kind of value"
    static let notInteger = "ERR value is not an integer or out of range"
    static let syntaxError = "ERR syntax error"

    /// Finds a live key, deleting it first if its TTL has passed. `read` lookups count
    /// towards keyspace hits and misses and refresh the key's LRU/LFU field.
    @inline(__always)
    func lookup(_ dbIndex: Int, _ key: KeyBytes, read: Bool = false) -> Int? {
        let db = databases[dbIndex]
        guard let position = db.position(of: key) else {
            if read { stats.keyspaceMisses += 1 }
            return nil
        }
        let expireAt = db.entry(at: position).expireAt
        if expireAt != 0 && expireAt <= now {
            deleteExpired(dbIndex, position)
            if read { stats.keyspaceMisses += 1 }
            return nil
        }
        if read { stats.keyspaceHits += 1 }
        touchAccess(db, position)
        return position
    }

    @inline(__always)
    func touchAccess(_ db: Database, _ position: Int) {
        if configuration.policy.usesLFU {
            var access = db.entry(at: position).access
            access = lfuIncrement(lfuDecay(access))
            db.withEntry(at: position) { $0.access = access }
        } else {
            let clock = lruClock
            db.withEntry(at: position) { $0.access = clock }
        }
    }

    var lruClock: UInt32 { UInt32(truncatingIfNeeded: now / 1000) }

    /// The access field a new key starts with.
    var initialAccess: UInt32 {
        configuration.policy.usesLFU ? (lfuMinutes << 8) | 5 : lruClock
    }

    func deleteExpired(_ dbIndex: Int, _ position: Int) {
        let key = databases[dbIndex].entry(at: position).key
        remove(dbIndex, position)
        stats.expiredKeys += 1
        signalModified(dbIndex, key)
        notify(.expired, "expired", key, dbIndex)
    }

    /// Removes an entry and its memory; does not signal watchers.
    func remove(_ dbIndex: Int, _ position: Int) {
        let db = databases[dbIndex]
        let tableBefore = db.tableBytes
        let entry = db.remove(at: position)
        usedMemory -= MemoryCost.of(entry) + tableBefore - db.tableBytes
    }

    /// Deletes a key if present; returns whether it was there (expired keys count as absent).
    @discardableResult
    func deleteKey(_ dbIndex: Int, _ key: KeyBytes) -> Bool {
        guard let position = lookup(dbIndex, key) else { return false }
        remove(dbIndex, position)
        signalModified(dbIndex, key)
        return true
    }

    /// Stores a value under `key`, replacing any old value; `expireAt` nil keeps the old TTL.
    /// `known` passes the result of a lookup the caller already made (nil inside: absent).
    @discardableResult
    func store(
        _ dbIndex: Int, _ key: KeyBytes, _ value: StoredValue, expireAt: Int64? = 0, at known: Int?? = .none
    ) -> Int {
        let db = databases[dbIndex]
        let existing: Int? = known ?? lookup(dbIndex, key)
        if let position = existing {
            mutate(dbIndex, position) { entry in entry.value = value }
            if let expireAt { db.setExpire(at: position, expireAt) }
            signalModified(dbIndex, key)
            return position
        }
        if configuration.maxmemory > 0 {
            makeRoomForGrowth(
                db,
                adding: MemoryCost.of(Entry(key: key, hash: 0, value: value, access: 0, expireAt: 0, volatileSlot: -1)))
        }
        let tableBefore = db.tableBytes
        let position = db.insert(key, value, expireAt: expireAt ?? 0, access: initialAccess)
        usedMemory += MemoryCost.of(db.entry(at: position)) + db.tableBytes - tableBefore
        peakMemory = max(peakMemory, usedMemory)
        signalModified(dbIndex, key)
        notify(.new, "new", key, dbIndex)
        return position
    }

    /// Changes an entry in place and keeps `usedMemory` in step with its size.
    @inline(__always)
    func mutate<T>(_ dbIndex: Int, _ position: Int, _ body: (inout Entry) -> T) -> T {
        let db = databases[dbIndex]
        let before = MemoryCost.of(db.entry(at: position))
        let result = db.withEntry(at: position, body)
        usedMemory += MemoryCost.of(db.entry(at: position)) - before
        peakMemory = max(peakMemory, usedMemory)
        return result
    }

    /// Re-measures an entry whose container was changed through its class reference.
    func remeasure(_ dbIndex: Int, _ position: Int, before: Int) {
        usedMemory += MemoryCost.of(databases[dbIndex].entry(at: position)) - before
        peakMemory = max(peakMemory, usedMemory)
    }

    /// Deletes a container that became empty (Redis never keeps empty lists, hashes, sets or zsets).
    func removeIfEmpty(_ dbIndex: Int, _ position: Int, count: Int) {
        if count == 0 { remove(dbIndex, position) }
    }

    /// Marks every session WATCHing `key` as dirty, so its EXEC fails.
    @inline(__always)
    func signalModified(_ dbIndex: Int, _ key: KeyBytes) {
        if dbIndex == 0 && !search.isEmpty { searchKeyChanged(key) }
        if blocking.hasWaiters { blocking.markReady(WatchKey(database: dbIndex, key: key)) }
        if watchers.isEmpty { return }
        guard let sessions = watchers[WatchKey(database: dbIndex, key: key)] else { return }
        for session in sessions { session.watchDirty = true }
    }

    /// Marks sessions watching any existing key of a database that is being flushed.
    func signalFlushed(_ dbIndex: Int?) {
        for (watchKey, sessions) in watchers where dbIndex == nil || watchKey.database == dbIndex {
            if databases[watchKey.database].position(of: watchKey.key) != nil {
                for session in sessions { session.watchDirty = true }
            }
        }
    }
}

/// Heap bytes of one entry's payload, as this implementation allocates them (array headers and
/// malloc rounding; bytes up to 16 long are stored inline and cost nothing extra). The entry
/// slots and index themselves are counted from the databases' real capacities.
enum MemoryCost {
    @inline(__always)
    static func allocation(_ count: Int) -> Int {
        count <= KeyBytes.inlineCapacity ? 0 : (count + 32 + 8 + 15) & ~15
    }

    @inline(__always)
    static func of(_ entry: Entry) -> Int {
        let base = allocation(entry.key.count)
        switch entry.value {
        case .string(let bytes): return base + allocation(bytes.count)
        case .list(let list): return base + 64 + list.count * 56 + list.byteCount
        case .hash(let hash): return base + 128 + hash.count * 120 + hash.byteCount
        case .set(let set): return base + 64 + set.count * 72 + set.byteCount
        case .zset(let zset): return base + 128 + zset.count * 120 + zset.byteCount
        }
    }
}
