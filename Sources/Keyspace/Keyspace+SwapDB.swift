import NIOCore
import RESP

/// SWAPDB: two databases exchange their contents; clients WATCHing a key that exists (and has not
/// expired) on either side of the swap see their transaction fail, as Redis 7.0 decides it.
extension Keyspace {
    func swapdb(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        var indexes: [Int] = []
        for (argument, which) in [(argv[1], "first"), (argv[2], "second")] {
            guard let index = parseRedisInteger(argument.readableBytesView), index >= Int32.min, index <= Int32.max
            else {
                out.writeRESPError("ERR invalid \(which) DB index")
                return
            }
            indexes.append(Int(index))
        }
        let (a, b) = (indexes[0], indexes[1])
        guard a >= 0, b >= 0, a < databases.count, b < databases.count else {
            out.writeRESPError("ERR DB index is out of range")
            return
        }
        if a != b {
            touchWatchedKeys(swapping: a, with: b)
            touchWatchedKeys(swapping: b, with: a)
            databases.swapAt(a, b)
            // Redis's scanDatabaseForReadyKeys: a client blocked on a key that now holds data is served.
            if blocking.hasWaiters {
                for key in blocking.waiting.keys
                where (key.database == a || key.database == b) && isLive(key.database, key.key) {
                    blocking.markReady(key)
                }
            }
            if (a == 0 || b == 0) && !search.isEmpty {
                // The vector indexes follow database 0: drop the keys that left it, add the ones that came.
                for db in [databases[a], databases[b]] {
                    for position in 0..<db.count { searchKeyChanged(db.entry(at: position).key) }
                }
            }
        }
        out.writeRESPSimpleString("OK")
    }

    /// Redis's `touchAllWatchedKeysInDb`: a session WATCHing, in database `emptied`, a key stored in it or in
    /// `replacement` is marked dirty, unless the key only arrives already expired (then EXEC ignores that
    /// expiry), or it was such a key and leaves or is replaced by another expired one.
    private func touchWatchedKeys(swapping emptied: Int, with replacement: Int) {
        for (watchKey, sessions) in watchers where watchKey.database == emptied {
            let inEmptied = databases[emptied].position(of: watchKey.key) != nil
            let inReplacement = databases[replacement].position(of: watchKey.key) != nil
            guard inEmptied || inReplacement else { continue }
            let replacementExpired = inReplacement && !isLive(replacement, watchKey.key)
            for session in sessions {
                if let stale = session.staleWatched.firstIndex(of: watchKey) {
                    if !inReplacement {
                        session.staleWatched.remove(at: stale)
                        continue
                    }
                    if replacementExpired { continue }
                } else if !inEmptied && replacementExpired {
                    session.staleWatched.append(watchKey)
                    continue
                }
                session.watchDirty = true
            }
        }
    }

    private func isLive(_ dbIndex: Int, _ key: KeyBytes) -> Bool {
        let db = databases[dbIndex]
        guard let position = db.position(of: key) else { return false }
        let expireAt = db.entry(at: position).expireAt
        return expireAt == 0 || expireAt > now
    }
}
