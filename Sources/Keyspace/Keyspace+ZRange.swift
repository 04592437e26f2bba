import NIOCore
import RESP

/// How a ZRANGE-family command selects: by rank, score or member (lex); `auto` lets options decide.
enum ZRangeKind {
    case auto, rank, score, lex
}

extension Keyspace {
    func zrange(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        zrangeGeneric(argv, s, &out, keyIndex: 1, store: false, kind: .auto, reverse: nil)
    }

    func zrangebyscore(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        zrangeGeneric(argv, s, &out, keyIndex: 1, store: false, kind: .score, reverse: false)
    }

    /// ZRANGE, ZRANGESTORE and the Z[REV]RANGE[BYSCORE|BYLEX] forms, parsed in Redis's order.
    /// `reverse` nil means REV may be given as an option.
    func zrangeGeneric(
        _ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer,
        keyIndex: Int, store: Bool, kind fixedKind: ZRangeKind, reverse fixedReverse: Bool?
    ) {
        var withScores = false
        var reverse = fixedReverse ?? false
        var kind = fixedKind
        var offset: Int64 = 0
        var limit: Int64 = -1
        var j = keyIndex + 3
        while j < argv.count {
            let left = argv.count - j - 1
            let option = argv[j]
            if !store && option.equalsIgnoringCase("withscores") {
                withScores = true
            } else if option.equalsIgnoringCase("limit") && left >= 2 {
                guard let o = parseRedisInteger(argv[j + 1].readableBytesView),
                    let l = parseRedisInteger(argv[j + 2].readableBytesView)
                else {
                    out.writeRESPError(Self.notInteger)
                    return
                }
                offset = o
                limit = l
                j += 2
            } else if fixedReverse == nil && !reverse && option.equalsIgnoringCase("rev") {
                reverse = true
            } else if kind == .auto && option.equalsIgnoringCase("bylex") {
                kind = .lex
            } else if kind == .auto && option.equalsIgnoringCase("byscore") {
                kind = .score
            } else {
                out.writeRESPError(Self.syntaxError)
                return
            }
            j += 1
        }
        if kind == .auto { kind = .rank }
        if limit != -1 && kind == .rank {
            out.writeRESPError("ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX")
            return
        }
        if withScores && kind == .lex {
            out.writeRESPError("ERR syntax error, WITHSCORES not supported in combination with BYLEX")
            return
        }
        var minArg = argv[keyIndex + 1]
        var maxArg = argv[keyIndex + 2]
        if reverse && kind != .rank { swap(&minArg, &maxArg) }
        let select: (SortedSetValue) -> [SortedSetValue.Item]
        switch kind {
        case .auto, .rank:
            guard let start = parseRedisInteger(minArg.readableBytesView),
                let stop = parseRedisInteger(maxArg.readableBytesView)
            else {
                out.writeRESPError(Self.notInteger)
                return
            }
            select = { zset in
                guard let range = self.clampRange(start, stop, count: zset.count) else { return [] }
                if !reverse { return Array(zset.items[range]) }
                let n = zset.count
                return range.map { zset.items[n - 1 - $0] }
            }
        case .score:
            guard let low = ScoreBound(minArg), let high = ScoreBound(maxArg) else {
                out.writeRESPError("ERR min or max is not a float")
                return
            }
            select = { zset in
                var indices = Array(self.scoreRange(zset, low, high))
                if reverse { indices.reverse() }
                return Self.page(indices, offset: offset, limit: limit).map { zset.items[$0] }
            }
        case .lex:
            guard let range = LexRange(minArg, maxArg) else {
                out.writeRESPError("ERR min or max not valid string range item")
                return
            }
            select = { zset in
                Self.page(range.indices(zset.items, reverse: reverse), offset: offset, limit: limit)
                    .map { zset.items[$0] }
            }
        }
        let items: [SortedSetValue.Item]
        switch zsetAt(s, KeyBytes(argv[keyIndex]), read: true) {
        case .wrongType:
            out.writeRESPError(Self.wrongType)
            return
        case .missing:
            items = []
        case .found(_, let zset):
            items = select(zset)
        }
        if store {
            let result = SortedSetValue()
            for item in items { result.set(KeyBytes(item.member), score: item.score) }
            storeContainer(KeyBytes(argv[1]), result, count: result.count, s, &out)
        } else {
            writeItems(items, withScores: withScores, s, &out)
        }
    }

    /// LIMIT offset count over selected indices: a negative offset selects nothing, a negative count all.
    static func page(_ indices: [Int], offset: Int64, limit: Int64) -> [Int] {
        if offset < 0 || offset >= Int64(indices.count) { return [] }
        let rest = indices[Int(offset)...]
        if limit >= 0 && Int64(rest.count) > limit { return Array(rest.prefix(Int(limit))) }
        return Array(rest)
    }

    /// Members (and scores: flat in RESP2, as pairs in RESP3) as ZRANGE replies.
    func writeItems(_ items: [SortedSetValue.Item], withScores: Bool, _ s: ClientSession, _ out: inout ByteBuffer) {
        let pairs = withScores && s.protocolVersion == .v3
        out.writeRESPArrayHeader(withScores && !pairs ? items.count * 2 : items.count)
        for item in items {
            if pairs { out.writeRESPArrayHeader(2) }
            out.writeRESPBulk(item.member)
            if withScores { writeScore(item.score, s, &out) }
        }
    }
}
