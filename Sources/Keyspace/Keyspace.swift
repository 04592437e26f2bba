import Clocks
import NIOCore
import RESP

/// The in-memory data store: databases, TTLs, eviction, statistics and the command table.
///
/// Not thread-safe: exactly one owner (an event loop, or `SharedKeyspace`'s lock) calls it.
/// `execute` runs one command and writes exactly one RESP2/RESP3 reply into a buffer.
public final class Keyspace {
    /// The running configuration; `CONFIG SET` changes it.
    public internal(set) var configuration: KeyspaceConfiguration
    /// Supplies the network facts `INFO` reports; the server replaces it when it starts.
    public var serverInfo: () -> ServerInfoSnapshot = { ServerInfoSnapshot() }

    let clock: any WallClock
    var random: KeyspaceRandom
    var databases: [Database]
    var stats = KeyspaceStats()
    /// Command and error statistics, encoding thresholds and DEBUG switches.
    var introspection = IntrospectionState()
    /// Bytes accounted to stored data plus the fixed baseline; what `INFO` reports as `used_memory`.
    var usedMemory: Int
    var peakMemory: Int
    /// The time of the command being run, read once per command as Redis does.
    var now: Int64 = 0
    let startMilliseconds: Int64
    var nextClientID: Int64 = 1
    var watchers: [WatchKey: [ClientSession]] = [:]
    /// The best eviction candidates sampled so far, lowest score first.
    var evictionPool: [EvictionCandidate] = []
    /// The FT.CREATE indexes over database 0 (Search/).
    let search = SearchRegistry()
    /// EVAL scripts, FUNCTION libraries and their Lua engine.
    let scripting = ScriptingState()
    /// Clients blocked on keys (BLPOP…) and the keys ready to serve them.
    let blocking = BlockingRegistry()
    /// SUBSCRIBE/PSUBSCRIBE subscriptions.
    let pubsub = PubSubRegistry()
    let runID: String

    /// Memory a fresh keyspace reports before any key is stored.
    static let baselineMemory = 880_000

    public init(
        configuration: KeyspaceConfiguration = .init(),
        clock: any WallClock = SystemClock(),
        seed: UInt64 = 0x5EED_CAFE
    ) {
        self.configuration = configuration
        self.clock = clock
        self.random = KeyspaceRandom(seed: seed)
        self.databases = (0..<configuration.databases).map { _ in Database() }
        let tables = databases.reduce(0) { $0 + $1.tableBytes }
        self.usedMemory = Self.baselineMemory + tables
        self.peakMemory = Self.baselineMemory + tables
        let start = clock.nowMilliseconds()
        self.startMilliseconds = start
        self.now = start
        var idGenerator = KeyspaceRandom(seed: seed ^ 0x9E37_79B9)
        self.runID = (0..<40).map { _ in String(idGenerator.next() % 16, radix: 16) }.joined()
    }

    /// The keyspace clock's current time in Unix milliseconds.
    public func currentMilliseconds() -> Int64 { clock.nowMilliseconds() }

    /// A new client session with the next id; authenticated unless a password is configured.
    public func makeSession() -> ClientSession {
        let session = ClientSession(id: nextClientID, authenticated: configuration.requirepass == nil)
        nextClientID += 1
        return session
    }

    /// Forgets a closed connection's WATCHed keys and open transaction.
    public func closeSession(_ session: ClientSession) {
        endTransaction(session)
        closeBlockingAndSubscriptions(session)
    }

    /// Runs one command; `argv[0]` is its name in any case. Writes exactly one complete reply
    /// (RESP2 or RESP3 as the session speaks) into `reply`; an empty `argv` writes nothing.
    public func execute(_ argv: [ByteBuffer], session: ClientSession, into reply: inout ByteBuffer) {
        execute(argv, session: session, into: &reply, nowMilliseconds: clock.nowMilliseconds())
    }

    /// `execute` with the time supplied by the caller: a server running a batch of pipelined
    /// commands may read the keyspace's clock (`currentMilliseconds()`) once for the whole batch.
    public func execute(
        _ argv: [ByteBuffer], session: ClientSession, into reply: inout ByteBuffer, nowMilliseconds: Int64
    ) {
        guard let first = argv.first else { return }
        now = nowMilliseconds
        stats.commandsProcessed += 1
        guard let spec = CommandTable.lookup(first) else {
            reject(session, &reply, unknownCommandMessage(argv))
            return
        }
        if spec.id == .quit {
            reply.writeRESPSimpleString("OK")
            session.shouldClose = true
            return
        }
        if !spec.acceptsArgumentCount(argv.count) {
            reject(session, &reply, "ERR wrong number of arguments for '\(spec.name)' command", spec: spec)
            return
        }
        if let message = subcommandError(spec, argv) {
            reject(session, &reply, message)
            return
        }
        if !session.authenticated && !spec.flags.contains(.noAuth) {
            reject(session, &reply, "NOAUTH Authentication required.", spec: spec)
            return
        }
        if configuration.maxmemory > 0 {
            evictIfNeeded()
            let queueing = session.inMulti && !spec.flags.contains(.transactionControl)
            let execWithWrites =
                spec.id == .exec && session.inMulti
                && session.multiQueue.contains {
                    CommandTable.lookup($0[0])?.flags.contains(.denyOOM) == true
                }
            if usedMemory > configuration.maxmemory && (spec.flags.contains(.denyOOM) || queueing || execWithWrites) {
                reject(session, &reply, "OOM command not allowed when used memory > 'maxmemory'.", spec: spec)
                return
            }
        }
        if session.gated && !gate(spec, argv, session, &reply) { return }
        if session.inMulti && !spec.flags.contains(.transactionControl) {
            session.multiQueue.append(argv)
            reply.writeRESPSimpleString("QUEUED")
            return
        }
        let mark = reply.writerIndex
        run(spec, argv, session, &reply)
        recordCall(spec, reply, from: mark)
        if !blocking.ready.isEmpty { serveBlockedClients() }
        if configuration.maxmemory > 0 && spec.flags.contains(.write) { evictIfNeeded() }
    }

    /// Counts a call for `INFO commandstats`, and a failed call and its error when the reply
    /// written from `mark` is an error.
    @inline(__always)
    func recordCall(_ spec: CommandSpec, _ reply: ByteBuffer, from mark: Int) {
        let index = Int(spec.id.rawValue)
        introspection.calls[index] &+= 1
        if reply.getInteger(at: mark, as: UInt8.self) == UInt8(ascii: "-") {
            introspection.failedCalls[index] &+= 1
            let end = reply.writerIndex
            let text = reply.getString(at: mark + 1, length: min(end - mark - 1, 160)) ?? ""
            introspection.noteError(Substring(text))
        }
    }

    /// Writes a command error; inside MULTI it also dooms the transaction (EXECABORT).
    func reject(_ session: ClientSession, _ reply: inout ByteBuffer, _ message: String, spec: CommandSpec? = nil) {
        if session.inMulti { session.multiFailed = true }
        if let spec { introspection.rejectedCalls[Int(spec.id.rawValue)] &+= 1 }
        if spec?.id == .exec {
            // Redis formats its own errors without a code (ERR is added when sent) but passes shared
            // errors (OOM, NOAUTH) whole, so only ERR is dropped from the reason.
            let reason = message.hasPrefix("ERR ") ? String(message.dropFirst(4)) : message
            introspection.noteError(Substring("EXECABORT"))
            reply.writeRESPError("EXECABORT Transaction discarded because of: \(reason)")
            endTransaction(session)
            return
        }
        introspection.noteError(Substring(message))
        reply.writeRESPError(message)
    }

    private func unknownCommandMessage(_ argv: [ByteBuffer]) -> String {
        var args = ""
        for arg in argv.dropFirst() {
            if args.utf8.count >= 128 { break }
            args += "'\(prefix(arg.text, 128 - args.utf8.count))' "
        }
        return sanitize("ERR unknown command '\(prefix(argv[0].text, 128))', with args beginning with: \(args)")
    }

    func sanitize(_ message: String) -> String {
        String(String.UnicodeScalarView(message.unicodeScalars.map { $0 == "\r" || $0 == "\n" ? " " : $0 }))
    }

    func prefix(_ text: String, _ limit: Int) -> String {
        guard text.utf8.count > limit else { return text }
        return String(decoding: text.utf8.prefix(max(0, limit)), as: UTF8.self)
    }

    /// Runs a command that already passed arity, authentication and memory checks.
    func run(_ spec: CommandSpec, _ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        switch spec.id {
        case .get: get(argv, s, &out)
        case .set: set(argv, s, &out)
        case .setex: setex(argv, s, &out, milliseconds: false)
        case .psetex: setex(argv, s, &out, milliseconds: true)
        case .setnx: setnx(argv, s, &out)
        case .getdel: getdel(argv, s, &out)
        case .getex: getex(argv, s, &out)
        case .mget: mget(argv, s, &out)
        case .mset: mset(argv, s, &out)
        case .append: append(argv, s, &out)
        case .strlen: strlen(argv, s, &out)
        case .incr: incrBy(argv, s, &out, fixed: 1)
        case .decr: incrBy(argv, s, &out, fixed: -1)
        case .incrby: incrBy(argv, s, &out, fixed: nil)
        case .decrby: incrBy(argv, s, &out, fixed: nil, negate: true)
        case .incrbyfloat: incrByFloat(argv, s, &out)
        case .del, .unlink: del(argv, s, &out)
        case .exists: exists(argv, s, &out)
        case .type: type(argv, s, &out)
        case .expire: expire(argv, s, &out, unitMilliseconds: false, absolute: false, name: "expire")
        case .pexpire: expire(argv, s, &out, unitMilliseconds: true, absolute: false, name: "pexpire")
        case .expireat: expire(argv, s, &out, unitMilliseconds: false, absolute: true, name: "expireat")
        case .pexpireat: expire(argv, s, &out, unitMilliseconds: true, absolute: true, name: "pexpireat")
        case .ttl: ttl(argv, s, &out, milliseconds: false)
        case .pttl: ttl(argv, s, &out, milliseconds: true)
        case .persist: persist(argv, s, &out)
        case .keys: keys(argv, s, &out)
        case .scan: scan(argv, s, &out)
        case .rename: rename(argv, s, &out)
        case .dbsize: out.writeRESPInteger(Int64(databases[s.database].count))
        case .flushdb: flush(argv, s, &out, all: false)
        case .flushall: flush(argv, s, &out, all: true)
        case .select: select(argv, s, &out)
        case .lpush: push(argv, s, &out, front: true)
        case .rpush: push(argv, s, &out, front: false)
        case .lpop: pop(argv, s, &out, front: true)
        case .rpop: pop(argv, s, &out, front: false)
        case .lrange: lrange(argv, s, &out)
        case .llen: countMembers(argv, s, &out, of: ListValue.self)
        case .hset: hset(argv, s, &out)
        case .hget: hget(argv, s, &out)
        case .hmget: hmget(argv, s, &out)
        case .hgetall: hgetall(argv, s, &out)
        case .hdel: removeMembers(argv, s, &out, from: HashValue.self)
        case .hincrby: hincrby(argv, s, &out)
        case .hlen: countMembers(argv, s, &out, of: HashValue.self)
        case .hexists: hexists(argv, s, &out)
        case .sadd: sadd(argv, s, &out)
        case .srem: removeMembers(argv, s, &out, from: SetValue.self)
        case .smembers: smembers(argv, s, &out)
        case .sismember: sismember(argv, s, &out)
        case .scard: countMembers(argv, s, &out, of: SetValue.self)
        case .spop: spop(argv, s, &out)
        case .zadd: zadd(argv, s, &out)
        case .zrem: removeMembers(argv, s, &out, from: SortedSetValue.self)
        case .zcard: countMembers(argv, s, &out, of: SortedSetValue.self)
        case .zscore: zscore(argv, s, &out)
        case .zrange: zrange(argv, s, &out)
        case .zrangebyscore: zrangebyscore(argv, s, &out)
        case .zremrangebyscore: zremrangebyscore(argv, s, &out)
        case .zpopmin: zpop(argv, s, &out, max: false)
        case .multi: multi(s, &out)
        case .exec: exec(s, &out)
        case .discard: discard(s, &out)
        case .watch: watch(argv, s, &out)
        case .unwatch: unwatchAll(s); out.writeRESPSimpleString("OK")
        case .ping: ping(argv, s, &out)
        case .echo: out.writeRESPBulk(argv[1].readableBytesView)
        case .hello: hello(argv, s, &out)
        case .auth: auth(argv, s, &out)
        case .client: client(argv, s, &out)
        case .quit: out.writeRESPSimpleString("OK"); s.shouldClose = true
        case .info: info(argv, s, &out)
        case .config: config(argv, s, &out)
        case .command: command(argv, s, &out)
        case .time: time(&out)
        case .module: module(argv, s, &out)
        case .ftCreate: ftCreate(argv, s, &out)
        case .ftSearch: ftSearch(argv, s, &out)
        case .ftInfo: ftInfo(argv, s, &out)
        case .ftDropindex: ftDropIndex(argv, s, &out)
        case .ftList: ftList(argv, s, &out)

        // Strings, bits, generic keys, server introspection.
        case .setrange: setrange(argv, s, &out)
        case .getrange, .substr: getrange(argv, s, &out)
        case .getset: getset(argv, s, &out)
        case .msetnx: msetnx(argv, s, &out)
        case .lcs: lcs(argv, s, &out)
        case .setbit: setbit(argv, s, &out)
        case .getbit: getbit(argv, s, &out)
        case .bitcount: bitcount(argv, s, &out)
        case .bitpos: bitpos(argv, s, &out)
        case .bitop: bitop(argv, s, &out)
        case .copy: copy(argv, s, &out)
        case .move: move(argv, s, &out)
        case .renamenx: renamenx(argv, s, &out)
        case .randomkey: randomkey(s, &out)
        case .expiretime: expiretime(argv, s, &out, milliseconds: false)
        case .pexpiretime: expiretime(argv, s, &out, milliseconds: true)
        case .touch: touch(argv, s, &out)
        case .sort: sort(argv, s, &out, readOnly: false)
        case .sort_ro: sort(argv, s, &out, readOnly: true)
        case .object: object(argv, s, &out)
        case .memory: memory(argv, s, &out)
        case .debug: debug(argv, s, &out)
        case .sscan: containerScan(argv, s, &out, kind: .set)
        case .hscan: containerScan(argv, s, &out, kind: .hash)
        case .zscan: containerScan(argv, s, &out, kind: .zset)
        case .swapdb: swapdb(argv, s, &out)

        // Lists, hashes, sets, sorted sets.
        case .lindex: lindex(argv, s, &out)
        case .lset: lset(argv, s, &out)
        case .linsert: linsert(argv, s, &out)
        case .lrem: lrem(argv, s, &out)
        case .ltrim: ltrim(argv, s, &out)
        case .lpos: lpos(argv, s, &out)
        case .lpushx: pushx(argv, s, &out, front: true)
        case .rpushx: pushx(argv, s, &out, front: false)
        case .hkeys: hkeysOrValues(argv, s, &out, values: false)
        case .hvals: hkeysOrValues(argv, s, &out, values: true)
        case .hmset: hmset(argv, s, &out)
        case .hsetnx: hsetnx(argv, s, &out)
        case .hstrlen: hstrlen(argv, s, &out)
        case .hincrbyfloat: hincrbyfloat(argv, s, &out)
        case .hrandfield: hrandfield(argv, s, &out)
        case .sinter: sinter(argv, s, &out)
        case .sunion: sunionOrDiff(argv, s, &out, union: true)
        case .sdiff: sunionOrDiff(argv, s, &out, union: false)
        case .sinterstore: setStore(argv, s, &out, op: "inter")
        case .sunionstore: setStore(argv, s, &out, op: "union")
        case .sdiffstore: setStore(argv, s, &out, op: "diff")
        case .sintercard: sintercard(argv, s, &out)
        case .srandmember: srandmember(argv, s, &out)
        case .smove: smove(argv, s, &out)
        case .smismember: smismember(argv, s, &out)
        case .zincrby: zincrby(argv, s, &out)
        case .zcount: zcount(argv, s, &out)
        case .zlexcount: zlexcount(argv, s, &out)
        case .zrank: zrank(argv, s, &out, reverse: false)
        case .zrevrank: zrank(argv, s, &out, reverse: true)
        case .zrevrange: zrangeGeneric(argv, s, &out, keyIndex: 1, store: false, kind: .rank, reverse: true)
        case .zrevrangebyscore: zrangeGeneric(argv, s, &out, keyIndex: 1, store: false, kind: .score, reverse: true)
        case .zrangebylex: zrangeGeneric(argv, s, &out, keyIndex: 1, store: false, kind: .lex, reverse: false)
        case .zrevrangebylex: zrangeGeneric(argv, s, &out, keyIndex: 1, store: false, kind: .lex, reverse: true)
        case .zrangestore: zrangeGeneric(argv, s, &out, keyIndex: 2, store: true, kind: .auto, reverse: nil)
        case .zremrangebyrank: zremrangebyrank(argv, s, &out)
        case .zremrangebylex: zremrangebylex(argv, s, &out)
        case .zunionstore: zsetAlgebra(argv, s, &out, op: .union, store: true)
        case .zinterstore: zsetAlgebra(argv, s, &out, op: .inter, store: true)
        case .zdiffstore: zsetAlgebra(argv, s, &out, op: .diff, store: true)
        case .zunion: zsetAlgebra(argv, s, &out, op: .union, store: false)
        case .zinter: zsetAlgebra(argv, s, &out, op: .inter, store: false)
        case .zdiff: zsetAlgebra(argv, s, &out, op: .diff, store: false)
        case .zintercard: zsetAlgebra(argv, s, &out, op: .inter, store: false, cardinality: true)
        case .zmscore: zmscore(argv, s, &out)
        case .zrandmember: zrandmember(argv, s, &out)

        // Blocking commands, pub/sub.
        case .lmove: lmove(argv, s, &out)
        case .rpoplpush: moveListItem(s, KeyBytes(argv[1]), KeyBytes(argv[2]), fromFront: false, toFront: true, &out)
        case .lmpop: mpop(argv, s, &out, zset: false, blocking: false)
        case .zpopmax: zpop(argv, s, &out, max: true)
        case .zmpop: mpop(argv, s, &out, zset: true, blocking: false)
        case .blpop: blockingPop(argv, s, &out, zset: false, first: true)
        case .brpop: blockingPop(argv, s, &out, zset: false, first: false)
        case .blmove: blmove(argv, s, &out)
        case .brpoplpush: brpoplpush(argv, s, &out)
        case .blmpop: mpop(argv, s, &out, zset: false, blocking: true)
        case .bzpopmin: blockingPop(argv, s, &out, zset: true, first: true)
        case .bzpopmax: blockingPop(argv, s, &out, zset: true, first: false)
        case .bzmpop: mpop(argv, s, &out, zset: true, blocking: true)
        case .subscribe: subscribe(argv, s, &out)
        case .psubscribe: psubscribe(argv, s, &out)
        case .unsubscribe: unsubscribe(argv, s, &out)
        case .punsubscribe: punsubscribe(argv, s, &out)
        case .publish: out.writeRESPInteger(Int64(publish(KeyBytes(argv[1]), KeyBytes(argv[2]), from: s, &out)))
        case .pubsub: pubsubCommand(argv, s, &out)

        // Scripting and functions.
        case .eval: eval(argv, s, &out, bySHA: false, readOnly: false)
        case .evalsha: eval(argv, s, &out, bySHA: true, readOnly: false)
        case .eval_ro: eval(argv, s, &out, bySHA: false, readOnly: true)
        case .evalsha_ro: eval(argv, s, &out, bySHA: true, readOnly: true)
        case .script: script(argv, s, &out)
        case .function: function(argv, s, &out)
        case .fcall: fcall(argv, s, &out, readOnly: false)
        case .fcall_ro: fcall(argv, s, &out, readOnly: true)
        }
    }
}
