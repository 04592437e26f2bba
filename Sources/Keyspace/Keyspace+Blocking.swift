import NIOCore
import RESP

/// The parsed arguments of LMPOP, BLMPOP, ZMPOP and BZMPOP.
struct MultiPopArguments {
    var keys: [KeyBytes]
    /// LEFT for lists, MIN for sorted sets.
    var first: Bool
    var count: Int
}

extension Keyspace {
    /// A blocking command's timeout in seconds (fractions allowed) as an absolute deadline on the
    /// keyspace clock, 0 for none; nil once Redis's error is written.
    func blockingDeadline(_ arg: ByteBuffer, _ out: inout ByteBuffer) -> Int64? {
        guard let seconds = parseRedisLongDouble(arg.bytes) else {
            out.writeRESPError("ERR timeout is not a float or out of range")
            return nil
        }
        let milliseconds = (seconds * 1000).rounded(.up)
        // Redis converts to a long long: out of range comes out negative on x86-64.
        guard milliseconds.isFinite, milliseconds >= 0, milliseconds < 9.2e18 else {
            out.writeRESPError("ERR timeout is negative")
            return nil
        }
        let value = Int64(milliseconds)
        if value == 0 { return 0 }
        return value > Int64.max - now ? Int64.max : now + value
    }

    /// BLPOP, BRPOP, BZPOPMIN, BZPOPMAX: `key [key …] timeout`.
    func blockingPop(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer, zset: Bool, first: Bool) {
        guard let deadline = blockingDeadline(argv[argv.count - 1], &out) else { return }
        let keys = argv[1..<(argv.count - 1)].map { KeyBytes($0) }
        if popFirstAvailable(keys, s, &out, zset: zset, first: first, count: nil) { return }
        let kind: BlockedRequest.Kind = zset ? .zsetPop(max: !first, count: nil) : .listPop(front: first, count: nil)
        block(s, kind, keys, deadline, &out)
    }

    /// Pops from the first key that holds data (lists or sorted sets), writing the reply; false when
    /// every key is missing. A key of another type answers WRONGTYPE (and counts as served).
    func popFirstAvailable(
        _ keys: [KeyBytes], _ s: ClientSession, _ out: inout ByteBuffer, zset: Bool, first: Bool, count: Int?
    ) -> Bool {
        for key in keys {
            if zset {
                switch zsetAt(s, key) {
                case .missing: continue
                case .wrongType: out.writeRESPError(Self.wrongType)
                case .found(let position, let value):
                    popZSetReply(s, key, position, value, max: !first, count: count, &out)
                }
            } else {
                switch listAt(s, key) {
                case .missing: continue
                case .wrongType: out.writeRESPError(Self.wrongType)
                case .found(let position, let list):
                    popListReply(s, key, position, list, front: first, count: count, &out)
                }
            }
            return true
        }
        return false
    }

    /// Blocks the client on `keys`, or inside EXEC (and for an in-process session, which has no
    /// way to receive a later reply) answers at once as a timeout would.
    func block(
        _ s: ClientSession, _ kind: BlockedRequest.Kind, _ keys: [KeyBytes], _ deadline: Int64,
        _ out: inout ByteBuffer
    ) {
        if blocking.denyBlocking || s.deliver == nil {
            if case .listMove = kind {
                out.writeRESPNullBulk(s.protocolVersion)
            } else {
                out.writeRESPNullArray(s.protocolVersion)
            }
            return
        }
        var unique = OrderedKeys()
        for key in keys { unique.insert(key) }
        blocking.block(s, BlockedRequest(kind: kind, database: s.database, keys: unique.order, deadline: deadline))
    }

    func blmove(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        guard let fromFront = listEnd(argv[3], &out), let toFront = listEnd(argv[4], &out),
            let deadline = blockingDeadline(argv[5], &out)
        else { return }
        blockingMove(argv, s, &out, fromFront: fromFront, toFront: toFront, deadline: deadline)
    }

    func brpoplpush(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        guard let deadline = blockingDeadline(argv[3], &out) else { return }
        blockingMove(argv, s, &out, fromFront: false, toFront: true, deadline: deadline)
    }

    private func blockingMove(
        _ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer, fromFront: Bool, toFront: Bool,
        deadline: Int64
    ) {
        let source = KeyBytes(argv[1])
        let destination = KeyBytes(argv[2])
        switch listAt(s, source) {
        case .wrongType: out.writeRESPError(Self.wrongType)
        case .found:
            moveListItem(s, source, destination, fromFront: fromFront, toFront: toFront, &out)
        case .missing:
            let kind = BlockedRequest.Kind.listMove(destination: destination, fromFront: fromFront, toFront: toFront)
            block(s, kind, [source], deadline, &out)
        }
    }

    /// LMPOP/ZMPOP (`numkeys key … LEFT|RIGHT|MIN|MAX [COUNT n]`) and their blocking forms, which
    /// take a timeout first.
    func mpop(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer, zset: Bool, blocking: Bool) {
        guard let arguments = multiPopArguments(argv, numkeysIndex: blocking ? 2 : 1, zset: zset, &out) else {
            return
        }
        var deadline: Int64 = 0
        if blocking {
            guard let parsed = blockingDeadline(argv[1], &out) else { return }
            deadline = parsed
        }
        let first = arguments.first
        if popFirstAvailable(arguments.keys, s, &out, zset: zset, first: first, count: arguments.count) { return }
        guard blocking else {
            out.writeRESPNullArray(s.protocolVersion)
            return
        }
        let kind: BlockedRequest.Kind =
            zset ? .zsetPop(max: !first, count: arguments.count) : .listPop(front: first, count: arguments.count)
        block(s, kind, arguments.keys, deadline, &out)
    }

    private func multiPopArguments(
        _ argv: [ByteBuffer], numkeysIndex: Int, zset: Bool, _ out: inout ByteBuffer
    ) -> MultiPopArguments? {
        guard let numkeys = parseRedisInteger(argv[numkeysIndex].readableBytesView), numkeys > 0 else {
            out.writeRESPError("ERR numkeys should be greater than 0")
            return nil
        }
        guard numkeys < Int64(argv.count), numkeysIndex + Int(numkeys) + 1 < argv.count else {
            out.writeRESPError(Self.syntaxError)
            return nil
        }
        let whereIndex = numkeysIndex + Int(numkeys) + 1
        let end = argv[whereIndex]
        let first: Bool
        if end.equalsIgnoringCase(zset ? "min" : "left") {
            first = true
        } else if end.equalsIgnoringCase(zset ? "max" : "right") {
            first = false
        } else {
            out.writeRESPError(Self.syntaxError)
            return nil
        }
        var count: Int?
        var index = whereIndex + 1
        while index < argv.count {
            guard count == nil, argv[index].equalsIgnoringCase("count"), index + 1 < argv.count else {
                out.writeRESPError(Self.syntaxError)
                return nil
            }
            guard let value = parseRedisInteger(argv[index + 1].readableBytesView), value > 0 else {
                out.writeRESPError("ERR count should be greater than 0")
                return nil
            }
            count = Int(value)
            index += 2
        }
        let keys = argv[(numkeysIndex + 1)..<whereIndex].map { KeyBytes($0) }
        return MultiPopArguments(keys: keys, first: first, count: count ?? 1)
    }

    /// Serves the clients blocked on keys that got data during the last command, per key in the
    /// order the keys got it and, per key, in the order the clients blocked (as Redis does).
    func serveBlockedClients() {
        while !blocking.ready.isEmpty {
            for key in blocking.takeReady() {
                for receiver in blocking.waiters(on: key) {
                    guard let request = receiver.blockedOn else { continue }
                    guard let position = lookup(key.database, key.key) else { break }
                    var reply = ByteBuffer()
                    guard serve(receiver, request, key.key, position, &reply) else { continue }
                    blocking.unblock(receiver)
                    receiver.deliver?(reply)
                }
            }
        }
    }

    /// Answers one blocked client from the data now at `key`; false when that data is not what it
    /// waits for (a sorted set under a BLPOP, say), so it stays blocked.
    private func serve(
        _ receiver: ClientSession, _ request: BlockedRequest, _ key: KeyBytes, _ position: Int,
        _ out: inout ByteBuffer
    ) -> Bool {
        let value = databases[request.database].entry(at: position).value
        switch (request.kind, value) {
        case (.listPop(let front, let count), .list(let list)) where list.count > 0:
            popListReply(receiver, key, position, list, front: front, count: count, &out)
        case (.listMove(let destination, let fromFront, let toFront), .list(let list)) where list.count > 0:
            moveListItem(receiver, key, destination, fromFront: fromFront, toFront: toFront, &out)
        case (.zsetPop(let max, let count), .zset(let zset)) where zset.count > 0:
            popZSetReply(receiver, key, position, zset, max: max, count: count, &out)
        default:
            return false
        }
        return true
    }

    /// Whether the client is blocked on a blocking command.
    public func isBlocked(_ session: ClientSession) -> Bool { session.blockedOn != nil }

    /// Milliseconds until a blocked client times out; nil when it is not blocked or waits forever.
    public func blockedTimeRemaining(_ session: ClientSession) -> Int64? {
        guard let deadline = session.blockedOn?.deadline, deadline > 0 else { return nil }
        return max(0, deadline - clock.nowMilliseconds())
    }

    /// Installs how replies and messages reach the client outside its request/reply flow.
    public func setDelivery(for session: ClientSession, _ deliver: ((ByteBuffer) -> Void)?) {
        session.deliver = deliver
    }

    /// Answers every blocked client whose timeout has passed (a null array, as Redis does).
    public func timeOutBlockedClients() {
        guard !blocking.blocked.isEmpty else { return }
        let current = clock.nowMilliseconds()
        let due = blocking.blocked.values.filter {
            guard let deadline = $0.blockedOn?.deadline else { return false }
            return deadline != 0 && deadline <= current
        }
        for session in due.sorted(by: { $0.id < $1.id }) {
            blocking.unblock(session)
            var reply = ByteBuffer()
            reply.writeRESPNullArray(session.protocolVersion)
            session.deliver?(reply)
        }
    }

    /// CLIENT UNBLOCK id [TIMEOUT|ERROR].
    func clientUnblock(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        guard argv.count <= 4 else {
            out.writeRESPError(
                sanitize(
                    "ERR unknown subcommand or wrong number of arguments for '\(prefix(argv[1].text, 128))'. "
                        + "Try CLIENT HELP."))
            return
        }
        var asError = false
        if argv.count == 4 {
            if argv[3].equalsIgnoringCase("error") {
                asError = true
            } else if !argv[3].equalsIgnoringCase("timeout") {
                out.writeRESPError("ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR")
                return
            }
        }
        guard let id = parseRedisInteger(argv[2].readableBytesView) else {
            out.writeRESPError(Self.notInteger)
            return
        }
        guard let target = blocking.blocked[id] else {
            out.writeRESPInteger(0)
            return
        }
        blocking.unblock(target)
        var reply = ByteBuffer()
        if asError {
            reply.writeRESPError("UNBLOCKED client unblocked via CLIENT UNBLOCK")
        } else {
            reply.writeRESPNullArray(target.protocolVersion)
        }
        target.deliver?(reply)
        out.writeRESPInteger(1)
    }

    /// A closed connection stops waiting and leaves its channels and patterns.
    func closeBlockingAndSubscriptions(_ session: ClientSession) {
        blocking.unblock(session)
        for channel in session.channels.order { pubsub.unsubscribe(session, channel: channel) }
        for pattern in session.patterns.order { pubsub.unsubscribe(session, pattern: pattern) }
        session.channels = OrderedKeys()
        session.patterns = OrderedKeys()
        session.subscribed = false
        session.deliver = nil
    }

    /// The number of blocked clients, for INFO.
    var blockedClientCount: Int { blocking.blocked.count }
}
