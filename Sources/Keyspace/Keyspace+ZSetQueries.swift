import NIOCore
import RESP

/// ZINCRBY, ZCOUNT, ZLEXCOUNT, ZRANK, ZREVRANK, ZMSCORE, ZRANDMEMBER, ZREMRANGEBYRANK and ZREMRANGEBYLEX.
extension Keyspace {
    /// ZINCRBY is ZADD with INCR forced: Redis parses its arguments as ZADD's (`ZINCRBY k nx m` is a syntax error).
    func zincrby(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        zadd([argv[0], argv[1], ByteBuffer(string: "INCR"), argv[2], argv[3]], s, &out)
    }

    func zcount(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        guard let low = ScoreBound(argv[2]), let high = ScoreBound(argv[3]) else {
            out.writeRESPError("ERR min or max is not a float")
            return
        }
        switch zsetAt(s, KeyBytes(argv[1]), read: true) {
        case .wrongType: out.writeRESPError(Self.wrongType)
        case .missing: out.writeRESPInteger(0)
        case .found(_, let zset): out.writeRESPInteger(Int64(scoreRange(zset, low, high).count))
        }
    }

    func zlexcount(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        guard let range = LexRange(argv[2], argv[3]) else {
            out.writeRESPError("ERR min or max not valid string range item")
            return
        }
        switch zsetAt(s, KeyBytes(argv[1]), read: true) {
        case .wrongType: out.writeRESPError(Self.wrongType)
        case .missing: out.writeRESPInteger(0)
        case .found(_, let zset): out.writeRESPInteger(Int64(range.indices(zset.items, reverse: false).count))
        }
    }

    func zrank(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer, reverse: Bool) {
        switch zsetAt(s, KeyBytes(argv[1]), read: true) {
        case .wrongType: out.writeRESPError(Self.wrongType)
        case .missing: out.writeRESPNullBulk(s.protocolVersion)
        case .found(_, let zset):
            if let rank = zset.rank(of: KeyBytes(argv[2])) {
                out.writeRESPInteger(Int64(reverse ? zset.count - 1 - rank : rank))
            } else {
                out.writeRESPNullBulk(s.protocolVersion)
            }
        }
    }

    func zmscore(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        var zset: SortedSetValue?
        switch zsetAt(s, KeyBytes(argv[1]), read: true) {
        case .wrongType: out.writeRESPError(Self.wrongType); return
        case .missing: zset = nil
        case .found(_, let found): zset = found
        }
        out.writeRESPArrayHeader(argv.count - 2)
        for member in argv.dropFirst(2) {
            if let score = zset?.score(of: KeyBytes(member)) {
                writeScore(score, s, &out)
            } else {
                out.writeRESPNullBulk(s.protocolVersion)
            }
        }
    }

    func zrandmember(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        guard argv.count >= 3 else {
            switch zsetAt(s, KeyBytes(argv[1]), read: true) {
            case .wrongType: out.writeRESPError(Self.wrongType)
            case .missing: out.writeRESPNullBulk(s.protocolVersion)
            case .found(_, let zset):
                out.writeRESPBulk(zset.items[Int(random.next() % UInt64(zset.count))].member)
            }
            return
        }
        guard let request = randomCountRequest(argv, option: "withscores", &out) else { return }
        let zset: SortedSetValue
        switch zsetAt(s, KeyBytes(argv[1]), read: true) {
        case .wrongType: out.writeRESPError(Self.wrongType); return
        case .missing: out.writeRESPArrayHeader(0); return
        case .found(_, let found): zset = found
        }
        let picks = randomPicks(request.count, size: zset.count)
        writePairs(picks, withSecond: request.withSecond, s, &out) { index, out in
            out.writeRESPBulk(zset.items[index].member)
        } second: { index, out in
            self.writeScore(zset.items[index].score, s, &out)
        }
    }

    func zremrangebyrank(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        guard let start = parseRedisInteger(argv[2].readableBytesView),
            let stop = parseRedisInteger(argv[3].readableBytesView)
        else {
            out.writeRESPError(Self.notInteger)
            return
        }
        removeZRange(argv, s, &out) { zset in self.clampRange(start, stop, count: zset.count) ?? 0..<0 }
    }

    func zremrangebylex(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        guard let range = LexRange(argv[2], argv[3]) else {
            out.writeRESPError("ERR min or max not valid string range item")
            return
        }
        removeZRange(argv, s, &out) { zset in
            let indices = range.indices(zset.items, reverse: false)
            guard let first = indices.first, let last = indices.last else { return 0..<0 }
            return first..<(last + 1)
        }
    }

    /// Removes the contiguous items `select` picks from the sorted set at `argv[1]`; replies with the count.
    private func removeZRange(
        _ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer,
        select: (SortedSetValue) -> Range<Int>
    ) {
        let key = KeyBytes(argv[1])
        switch zsetAt(s, key) {
        case .wrongType: out.writeRESPError(Self.wrongType)
        case .missing: out.writeRESPInteger(0)
        case .found(let position, let zset):
            let range = select(zset)
            let before = MemoryCost.of(databases[s.database].entry(at: position))
            zset.removeRange(range)
            remeasure(s.database, position, before: before)
            removeIfEmpty(s.database, position, count: zset.count)
            if !range.isEmpty { signalModified(s.database, key) }
            out.writeRESPInteger(Int64(range.count))
        }
    }
}
