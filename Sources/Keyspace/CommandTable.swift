import NIOCore

/// Every command the keyspace knows.
/// Cases are named as Redis spells the command (`sort_ro`, `eval_ro`) unless `commandName` maps them.
enum CommandID: UInt16, CaseIterable {
    case get, set, setex, psetex, setnx, getdel, getex, mget, mset, append, strlen
    case incr, decr, incrby, decrby, incrbyfloat
    case del, unlink, exists, type, expire, pexpire, expireat, pexpireat, ttl, pttl, persist
    case keys, scan, rename, dbsize, flushdb, flushall, select
    case lpush, rpush, lpop, rpop, lrange, llen
    case hset, hget, hmget, hgetall, hdel, hincrby, hlen, hexists
    case sadd, srem, smembers, sismember, scard, spop
    case zadd, zrem, zcard, zscore, zrange, zrangebyscore, zremrangebyscore, zpopmin
    case multi, exec, discard, watch, unwatch
    case ping, echo, hello, auth, client, quit, info, config, command, time
    case module
    // The search commands (Search/): names with dots, see `commandName`.
    case ftCreate, ftSearch, ftInfo, ftDropindex, ftList

    // Strings, bits, generic keys, server introspection.
    case setrange, getrange, substr, getset, msetnx, lcs
    case setbit, getbit, bitcount, bitpos, bitop
    case copy, move, renamenx, randomkey, expiretime, pexpiretime, touch, sort, sort_ro
    case object, debug, sscan, hscan, zscan, swapdb, memory

    // Lists, hashes, sets, sorted sets.
    case lindex, lset, linsert, lrem, ltrim, lpos, lpushx, rpushx
    case hkeys, hvals, hmset, hsetnx, hstrlen, hincrbyfloat, hrandfield
    case sinter, sunion, sdiff, sinterstore, sunionstore, sdiffstore, sintercard, srandmember, smove, smismember
    case zincrby, zcount, zlexcount, zrank, zrevrank, zrevrange, zrevrangebyscore, zrangebylex, zrevrangebylex
    case zremrangebyrank, zremrangebylex, zunionstore, zinterstore, zdiffstore, zunion, zinter, zdiff, zintercard
    case zrangestore, zmscore, zrandmember

    // Blocking commands, pub/sub.
    case lmove, rpoplpush, lmpop, zpopmax, zmpop
    case blpop, brpop, blmove, brpoplpush, blmpop, bzpopmin, bzpopmax, bzmpop
    case subscribe, psubscribe, unsubscribe, punsubscribe, publish, pubsub

    // Scripting and functions.
    case eval, evalsha, eval_ro, evalsha_ro, script, function, fcall, fcall_ro
}

/// How a command behaves outside its own handler.
struct CommandFlags: OptionSet {
    let rawValue: UInt8
    static let write = CommandFlags(rawValue: 1)
    /// Refused with OOM when over `maxmemory` (Redis's `denyoom`).
    static let denyOOM = CommandFlags(rawValue: 2)
    /// Allowed before authentication.
    static let noAuth = CommandFlags(rawValue: 4)
    /// Runs immediately inside MULTI instead of being queued.
    static let transactionControl = CommandFlags(rawValue: 8)
    /// Counts towards keyspace hits and misses.
    static let read = CommandFlags(rawValue: 16)
}

struct CommandSpec {
    let id: CommandID
    /// Redis arity: positive = exact argc, negative = at least |arity|.
    let arity: Int
    let flags: CommandFlags

    /// The lower-case name Redis uses in error messages.
    var name: String { CommandTable.names[Int(id.rawValue)] }

    func acceptsArgumentCount(_ count: Int) -> Bool {
        arity >= 0 ? count == arity : count >= -arity
    }
}

/// A command name packed into two words (names are at most 16 bytes), lower-cased, for a
/// lookup that builds no String.
struct CommandName: Hashable {
    var low: UInt64
    var high: UInt64

    init?(_ buffer: ByteBuffer) {
        let count = buffer.readableBytes
        guard count > 0, count <= 16 else { return nil }
        var low: UInt64 = 0
        var high: UInt64 = 0
        buffer.withUnsafeReadableBytes { raw in
            for i in 0..<count {
                var c = raw[i]
                if c >= 65 && c <= 90 { c |= 0x20 }
                if i < 8 { low |= UInt64(c) << (8 * UInt64(i)) } else { high |= UInt64(c) << (8 * UInt64(i - 8)) }
            }
        }
        self.low = low
        self.high = high
    }

    @inline(__always)
    func slot(_ count: Int) -> Int {
        let mixed = (low &* 0x9E37_79B9_7F4A_7C15) ^ (high &* 0xC2B2_AE3D_27D4_EB4F)
        return Int(truncatingIfNeeded: mixed >> 54) % count
    }

    init?(_ text: String) {
        var buffer = ByteBuffer()
        buffer.writeString(text)
        self.init(buffer)
    }
}

enum CommandTable {
    static let specs: [CommandSpec] = {
        let w: CommandFlags = [.write]
        let wm: CommandFlags = [.write, .denyOOM]
        let r: CommandFlags = [.read]
        let list: [(CommandID, Int, CommandFlags)] = [
            (.get, 2, r), (.set, -3, wm), (.setex, 4, wm), (.psetex, 4, wm), (.setnx, 3, wm),
            (.getdel, 2, w), (.getex, -2, w), (.mget, -2, r), (.mset, -3, wm), (.append, 3, wm),
            (.strlen, 2, r), (.incr, 2, wm), (.decr, 2, wm), (.incrby, 3, wm), (.decrby, 3, wm),
            (.incrbyfloat, 3, wm),
            (.del, -2, w), (.unlink, -2, w), (.exists, -2, r), (.type, 2, r), (.expire, -3, w),
            (.pexpire, -3, w), (.expireat, -3, w), (.pexpireat, -3, w), (.ttl, 2, r), (.pttl, 2, r),
            (.persist, 2, w), (.keys, 2, []), (.scan, -2, []), (.rename, 3, w), (.dbsize, 1, []),
            (.flushdb, -1, w), (.flushall, -1, w), (.select, 2, []),
            (.lpush, -3, wm), (.rpush, -3, wm), (.lpop, -2, w), (.rpop, -2, w), (.lrange, 4, r), (.llen, 2, r),
            (.hset, -4, wm), (.hget, 3, r), (.hmget, -3, r), (.hgetall, 2, r), (.hdel, -3, w),
            (.hincrby, 4, wm), (.hlen, 2, r), (.hexists, 3, r),
            (.sadd, -3, wm), (.srem, -3, w), (.smembers, 2, r), (.sismember, 3, r), (.scard, 2, r), (.spop, -2, w),
            (.zadd, -4, wm), (.zrem, -3, w), (.zcard, 2, r), (.zscore, 3, r), (.zrange, -4, r),
            (.zrangebyscore, -4, r), (.zremrangebyscore, 4, w), (.zpopmin, -2, w),
            (.multi, 1, [.transactionControl]), (.exec, 1, [.transactionControl]),
            (.discard, 1, [.transactionControl]), (.watch, -2, [.transactionControl]), (.unwatch, 1, []),
            (.ping, -1, []), (.echo, 2, []), (.hello, -1, [.noAuth]), (.auth, -2, [.noAuth]),
            (.client, -2, []), (.quit, -1, [.noAuth, .transactionControl]), (.info, -1, []),
            (.config, -2, []), (.command, -1, []), (.time, 1, []),
            (.module, -2, []),
            (.ftCreate, -1, wm), (.ftSearch, -1, []), (.ftInfo, -1, []), (.ftDropindex, -1, w), (.ftList, -1, []),

            // Strings, bits, generic keys, server introspection.
            (.setrange, 4, wm), (.getrange, 4, r), (.substr, 4, r), (.getset, 3, wm), (.msetnx, -3, wm),
            (.lcs, -3, r), (.setbit, 4, wm), (.getbit, 3, r), (.bitcount, -2, r), (.bitpos, -3, r),
            (.bitop, -4, wm), (.copy, -3, wm), (.move, 3, w), (.renamenx, 3, w), (.randomkey, 1, r),
            (.expiretime, 2, r), (.pexpiretime, 2, r), (.touch, -2, r), (.sort, -2, wm), (.sort_ro, -2, r),
            (.object, -2, r), (.debug, -2, []), (.sscan, -3, r), (.hscan, -3, r), (.zscan, -3, r), (.swapdb, 3, w),
            (.memory, -2, r),

            // Lists, hashes, sets, sorted sets.
            (.lindex, 3, r), (.lset, 4, wm), (.linsert, 5, wm), (.lrem, 4, w), (.ltrim, 4, w), (.lpos, -3, r),
            (.lpushx, -3, wm), (.rpushx, -3, wm),
            (.hkeys, 2, r), (.hvals, 2, r), (.hmset, -4, wm), (.hsetnx, 4, wm), (.hstrlen, 3, r),
            (.hincrbyfloat, 4, wm), (.hrandfield, -2, r),
            (.sinter, -2, r), (.sunion, -2, r), (.sdiff, -2, r), (.sinterstore, -3, wm), (.sunionstore, -3, wm),
            (.sdiffstore, -3, wm), (.sintercard, -3, r), (.srandmember, -2, r), (.smove, 4, w), (.smismember, -3, r),
            (.zincrby, 4, wm), (.zcount, 4, r), (.zlexcount, 4, r), (.zrank, 3, r), (.zrevrank, 3, r),
            (.zrevrange, -4, r), (.zrevrangebyscore, -4, r), (.zrangebylex, -4, r), (.zrevrangebylex, -4, r),
            (.zremrangebyrank, 4, w), (.zremrangebylex, 4, w), (.zunionstore, -4, wm), (.zinterstore, -4, wm),
            (.zdiffstore, -4, wm), (.zunion, -3, r), (.zinter, -3, r), (.zdiff, -3, r), (.zintercard, -3, r),
            (.zrangestore, -5, wm), (.zmscore, -3, r), (.zrandmember, -2, r),

            // Blocking commands, pub/sub.
            (.lmove, 5, wm), (.rpoplpush, 3, wm), (.lmpop, -4, w), (.zpopmax, -2, w), (.zmpop, -4, w),
            (.blpop, -3, w), (.brpop, -3, w), (.blmove, 6, wm), (.brpoplpush, 4, wm), (.blmpop, -5, w),
            (.bzpopmin, -3, w), (.bzpopmax, -3, w), (.bzmpop, -5, w),
            (.subscribe, -2, []), (.psubscribe, -2, []), (.unsubscribe, -1, []), (.punsubscribe, -1, []),
            (.publish, 3, []), (.pubsub, -2, []),

            // Scripting and functions.
            (.eval, -3, []), (.evalsha, -3, []), (.eval_ro, -3, []), (.evalsha_ro, -3, []), (.script, -2, []),
            (.function, -2, []), (.fcall, -3, []), (.fcall_ro, -3, []),
        ]
        return list.map { CommandSpec(id: $0.0, arity: $0.1, flags: $0.2) }
    }()

    static let names: [String] = CommandID.allCases.map(\.commandName)

    /// An open-addressing table of command names (1,024 slots for up to about 300 names), probed with a
    /// multiply-shift hash: cheaper per command than a SipHash-keyed Dictionary.
    private static let slotCount = 1024
    private static let table: [(name: CommandName, spec: CommandSpec)?] = {
        var slots = [(name: CommandName, spec: CommandSpec)?](repeating: nil, count: slotCount)
        for spec in specs {
            guard let name = CommandName(spec.name) else { continue }
            var slot = name.slot(slotCount)
            while slots[slot] != nil { slot = (slot + 1) % slotCount }
            slots[slot] = (name, spec)
        }
        return slots
    }()

    @inline(__always)
    static func lookup(_ buffer: ByteBuffer) -> CommandSpec? {
        guard let name = CommandName(buffer) else { return nil }
        var slot = name.slot(slotCount)
        while let candidate = table[slot] {
            if candidate.name == name { return candidate.spec }
            slot = (slot + 1) % slotCount
        }
        return nil
    }
}
