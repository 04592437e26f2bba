import NIOCore
import RESP

/// OBJECT ENCODING/REFCOUNT/IDLETIME/FREQ/HELP, answering as Redis 7.0.15 would for the value
/// at the configured encoding thresholds.
extension Keyspace {
    /// Redis's `OBJ_SHARED_REFCOUNT`: the refcount of the shared integers 0…9999.
    static let sharedRefcount: Int64 = 2_147_483_647

    /// A live key's position without refreshing its access time (Redis's LOOKUP_NOTOUCH);
    /// counts a keyspace hit or miss.
    func peek(_ dbIndex: Int, _ key: KeyBytes) -> Int? {
        let db = databases[dbIndex]
        guard let position = db.position(of: key) else {
            stats.keyspaceMisses += 1
            return nil
        }
        let expireAt = db.entry(at: position).expireAt
        if expireAt != 0 && expireAt <= now {
            deleteExpired(dbIndex, position)
            stats.keyspaceMisses += 1
            return nil
        }
        stats.keyspaceHits += 1
        return position
    }

    func object(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        let sub = argv[1]
        if sub.equalsIgnoringCase("help") {
            let help = [
                "OBJECT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                "ENCODING <key>",
                "    Return the kind of internal representation used in order to store the value",
                "    associated with a <key>.",
                "FREQ <key>",
                "    Return the access frequency index of the <key>. The returned integer is",
                "    proportional to the logarithm of the recent access frequency of the key.",
                "IDLETIME <key>",
                "    Return the idle time of the <key>, that is the approximated number of",
                "    seconds elapsed since the last access to the key.",
                "REFCOUNT <key>",
                "    Return the number of references of the value associated with the specified",
                "    <key>.",
                "HELP",
                "    Prints this help.",
            ]
            out.writeRESPArrayHeader(help.count)
            for line in help { out.writeRESPSimpleString(line) }
            return
        }
        guard let position = peek(s.database, KeyBytes(argv[2])) else {
            out.writeRESPNullBulk(s.protocolVersion)
            return
        }
        let entry = databases[s.database].entry(at: position)
        if sub.equalsIgnoringCase("encoding") {
            out.writeRESPBulk(encodingName(entry.value))
        } else if sub.equalsIgnoringCase("refcount") {
            out.writeRESPInteger(refcount(entry.value))
        } else if sub.equalsIgnoringCase("idletime") {
            guard !configuration.policy.usesLFU else {
                out.writeRESPError(
                    "ERR An LFU maxmemory policy is selected, idle time not tracked. Please note that when "
                        + "switching between policies at runtime LRU and LFU data will take some time to adjust.")
                return
            }
            out.writeRESPInteger(idleSeconds(entry.access))
        } else {
            guard configuration.policy.usesLFU else {
                out.writeRESPError(
                    "ERR An LFU maxmemory policy is not selected, access frequency not tracked. Please note that "
                        + "when switching between policies at runtime LRU and LFU data will take some time to adjust.")
                return
            }
            out.writeRESPInteger(Int64(lfuDecay(entry.access) & 0xFF))
        }
    }

    /// Seconds since the key was last touched, from its LRU field (Redis's 24-bit LRU clock).
    func idleSeconds(_ access: UInt32) -> Int64 {
        let clock = Int64(lruClock & 0xFF_FFFF)
        let then = Int64(access & 0xFF_FFFF)
        return clock >= then ? clock - then : (0xFF_FFFF - then) + clock
    }

    /// 2147483647 for a value Redis would share (the integers 0…9999), else 1.
    func refcount(_ value: StoredValue) -> Int64 {
        guard case .string(let bytes) = value, bytes.count <= 20, let number = parseRedisInteger(bytes),
            number >= 0, number < 10_000, configuration.maxmemory == 0 || !sharingDisabledByPolicy
        else { return 1 }
        return Self.sharedRefcount
    }

    /// LRU and LFU policies need a private access field per key, so Redis stops sharing integers.
    private var sharingDisabledByPolicy: Bool {
        switch configuration.policy {
        case .allkeysLRU, .allkeysLFU, .volatileLRU, .volatileLFU: return true
        default: return false
        }
    }

    /// The encoding Redis 7.0.15 would report for this value at the configured thresholds.
    func encodingName(_ value: StoredValue) -> String {
        let limits = introspection.thresholds
        switch value {
        case .string(let bytes):
            if bytes.count <= 20, parseRedisInteger(bytes) != nil { return "int" }
            return bytes.count <= 44 ? "embstr" : "raw"
        case .list:
            return "quicklist"
        case .hash(let hash):
            let small =
                Int64(hash.count) <= limits.hashMaxListpackEntries
                && !zip(hash.fields, hash.values).contains {
                    Int64($0.0.count) > limits.hashMaxListpackValue || Int64($0.1.count) > limits.hashMaxListpackValue
                }
            return small ? "listpack" : "hashtable"
        case .set(let set):
            let integers = !set.items.contains { parseRedisInteger($0) == nil }
            return integers && Int64(set.count) <= limits.setMaxIntsetEntries ? "intset" : "hashtable"
        case .zset(let zset):
            let small =
                limits.zsetMaxListpackEntries > 0 && Int64(zset.count) <= limits.zsetMaxListpackEntries
                && !zset.items.contains { Int64($0.member.count) > limits.zsetMaxListpackValue }
            return small ? "listpack" : "skiplist"
        }
    }
}
