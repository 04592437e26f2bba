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
            if (a == 0 || b == 0) && !search.isEmpty {
                // The vector indexes follow database 0: drop the keys that left it, add the ones that came.
                for db in [databases[a], databases[b]] {
                    for position in 0..<db.count { searchKeyChanged(db.entry(at: position).key) }
                }
            }
        }
        out.writeRESPSimpleString("OK")
    }

    /// Marks dirty every session WATCHing, in database `emptied`, a key live in it or in `replacement`.
    private func touchWatchedKeys(swapping emptied: Int, with replacement: Int) {
        for (watchKey, sessions) in watchers where watchKey.database == emptied {
            if isLive(emptied, watchKey.key) || isLive(replacement, watchKey.key) {
                for session in sessions { session.watchDirty = true }
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
