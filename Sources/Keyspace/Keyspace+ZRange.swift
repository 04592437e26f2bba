import NIOCore
import RESP

extension Keyspace {
    func zrange(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        zrangeGeneric(argv, s, &out, byScoreOnly: false)
    }

    func zrangebyscore(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        zrangeGeneric(argv, s, &out, byScoreOnly: true)
    }

    /// ZRANGE (by rank or BYSCORE, REV, LIMIT, WITHSCORES) and ZRANGEBYSCORE, parsed in Redis's order.
    private func zrangeGeneric(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer, byScoreOnly: Bool) {
        var withScores = false
        var reverse = false
        var byScore = byScoreOnly
        var offset: Int64 = 0
        var limit: Int64 = -1
        var limitGiven = false
        var j = 4
        while j < argv.count {
            let left = argv.count - j - 1
            let option = argv[j]
            if option.equalsIgnoringCase("withscores") {
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
                limitGiven = true
                j += 2
            } else if !byScoreOnly && !reverse && option.equalsIgnoringCase("rev") {
                reverse = true
            } else if !byScoreOnly && !byScore && option.equalsIgnoringCase("byscore") {
                byScore = true
            } else {
                out.writeRESPError(Self.syntaxError)
                return
            }
            j += 1
        }
        if limitGiven && limit != -1 && !byScore {
            out.writeRESPError("ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX")
            return
        }
        var items: [SortedSetValue.Item] = []
        if byScore {
            let (minArg, maxArg) = reverse ? (argv[3], argv[2]) : (argv[2], argv[3])
            guard let low = ScoreBound(minArg), let high = ScoreBound(maxArg) else {
                out.writeRESPError("ERR min or max is not a float")
                return
            }
            guard let zset = zsetForRange(argv, s, &out) else { return }
            let range = scoreRange(zset, low, high)
            var selected = Array(zset.items[range])
            if reverse { selected.reverse() }
            if offset < 0 || offset >= Int64(selected.count) {
                selected = []
            } else {
                selected.removeFirst(Int(offset))
                if limit >= 0 && Int64(selected.count) > limit { selected = Array(selected.prefix(Int(limit))) }
            }
            items = selected
        } else {
            guard let start = parseRedisInteger(argv[2].readableBytesView),
                let stop = parseRedisInteger(argv[3].readableBytesView)
            else {
                out.writeRESPError(Self.notInteger)
                return
            }
            guard let zset = zsetForRange(argv, s, &out) else { return }
            if let range = clampRange(start, stop, count: zset.count) {
                if reverse {
                    let n = zset.count
                    items = range.map { zset.items[n - 1 - $0] }
                } else {
                    items = Array(zset.items[range])
                }
            }
        }
        let pairs = withScores && s.protocolVersion == .v3
        out.writeRESPArrayHeader(withScores && !pairs ? items.count * 2 : items.count)
        for item in items {
            if pairs { out.writeRESPArrayHeader(2) }
            out.writeRESPBulk(item.member)
            if withScores { writeScore(item.score, s, &out) }
        }
    }

    /// The sorted set to range over; writes an empty array (missing) or WRONGTYPE and returns nil.
    private func zsetForRange(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) -> SortedSetValue? {
        switch zsetAt(s, KeyBytes(argv[1]), read: true) {
        case .wrongType:
            out.writeRESPError(Self.wrongType)
            return nil
        case .missing:
            out.writeRESPArrayHeader(0)
            return nil
        case .found(_, let zset):
            return zset
        }
    }
}
