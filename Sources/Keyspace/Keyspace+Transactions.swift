import NIOCore

extension Keyspace {
    func multi(_ s: ClientSession, _ out: inout ByteBuffer) {
        if s.inMulti {
            out.writeRESPError("ERR MULTI calls can not be nested")
            return
        }
        s.inMulti = true
        s.multiFailed = false
        s.multiQueue = []
        out.writeRESPSimpleString("OK")
    }

    func exec(_ s: ClientSession, _ out: inout ByteBuffer) {
        guard s.inMulti else {
            out.writeRESPError("ERR EXEC without MULTI")
            return
        }
        let queue = s.multiQueue
        let failed = s.multiFailed
        // A WATCHed key that expired after WATCH (and was not yet deleted) fails EXEC too, as in Redis 7.0.
        let dirty = s.watchDirty || s.watched.contains { !s.staleWatched.contains($0) && watchedKeyExpired($0) }
        endTransaction(s)
        if failed {
            out.writeRESPError("EXECABORT Transaction discarded because of previous errors.")
            return
        }
        if dirty {
            out.writeRESPNullArray(s.protocolVersion)
            return
        }
        out.writeRESPArrayHeader(queue.count)
        blocking.denyBlocking = true
        defer { blocking.denyBlocking = false }
        for argv in queue {
            guard let spec = CommandTable.lookup(argv[0]) else { continue }
            let mark = out.writerIndex
            run(spec, argv, s, &out)
            recordCall(spec, out, from: mark)
            if configuration.maxmemory > 0 && spec.flags.contains(.write) { evictIfNeeded() }
        }
    }

    func discard(_ s: ClientSession, _ out: inout ByteBuffer) {
        guard s.inMulti else {
            out.writeRESPError("ERR DISCARD without MULTI")
            return
        }
        endTransaction(s)
        out.writeRESPSimpleString("OK")
    }

    /// Leaves MULTI (EXEC, DISCARD, an EXECABORT, a closed connection): the queue and its error
    /// flag are dropped, and every WATCH ends.
    func endTransaction(_ s: ClientSession) {
        s.inMulti = false
        s.multiFailed = false
        s.multiQueue = []
        unwatchAll(s)
    }

    func watch(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        if s.inMulti {
            out.writeRESPError("ERR WATCH inside MULTI is not allowed")
            return
        }
        for arg in argv.dropFirst() {
            let key = KeyBytes(arg)
            _ = lookup(s.database, key)  // a key already past its TTL is deleted now, not after WATCH
            let watchKey = WatchKey(database: s.database, key: key)
            if s.watched.contains(watchKey) { continue }
            s.watched.append(watchKey)
            watchers[watchKey, default: []].append(s)
        }
        out.writeRESPSimpleString("OK")
    }

    /// Drops every WATCH of a session and clears its dirty flag.
    func unwatchAll(_ s: ClientSession) {
        for watchKey in s.watched {
            watchers[watchKey]?.removeAll { $0 === s }
            if watchers[watchKey]?.isEmpty == true { watchers[watchKey] = nil }
        }
        s.watched = []
        s.staleWatched = []
        s.watchDirty = false
    }

    /// Whether a watched key is still stored but past its TTL.
    private func watchedKeyExpired(_ watchKey: WatchKey) -> Bool {
        let db = databases[watchKey.database]
        guard let position = db.position(of: watchKey.key) else { return false }
        let expireAt = db.entry(at: position).expireAt
        return expireAt != 0 && expireAt <= now
    }
}
