import NIOCore

/// A score bound of ZRANGEBYSCORE and friends: `(` makes it exclusive.
struct ScoreBound {
    var value: Double
    var exclusive: Bool

    init?(_ buffer: ByteBuffer) {
        var bytes = buffer.bytes
        exclusive = bytes.first == UInt8(ascii: "(")
        if exclusive { bytes.removeFirst() }
        guard let parsed = parseRedisDouble(bytes, lenient: true) else { return nil }
        value = parsed
    }
}

extension Keyspace {
    func zsetAt(_ s: ClientSession, _ key: KeyBytes, read: Bool = false) -> Typed<SortedSetValue> {
        containerAt(s, key, read: read)
    }

    func writeScore(_ score: Double, _ s: ClientSession, _ out: inout ByteBuffer) {
        out.writeRESPDouble(formatted: formatRedisDouble(score), s.protocolVersion)
    }

    func zadd(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        var nx = false, xx = false, gt = false, lt = false, ch = false, incr = false
        var index = 2
        while index < argv.count {
            let option = argv[index]
            if option.equalsIgnoringCase("nx") {
                nx = true
            } else if option.equalsIgnoringCase("xx") {
                xx = true
            } else if option.equalsIgnoringCase("gt") {
                gt = true
            } else if option.equalsIgnoringCase("lt") {
                lt = true
            } else if option.equalsIgnoringCase("ch") {
                ch = true
            } else if option.equalsIgnoringCase("incr") {
                incr = true
            } else {
                break
            }
            index += 1
        }
        let elements = argv.count - index
        if elements == 0 || elements % 2 != 0 { out.writeRESPError(Self.syntaxError); return }
        if nx && xx { out.writeRESPError("ERR XX and NX options at the same time are not compatible"); return }
        if (gt && nx) || (lt && nx) || (gt && lt) {
            out.writeRESPError("ERR GT, LT, and/or NX options at the same time are not compatible")
            return
        }
        if incr && elements > 2 {
            out.writeRESPError("ERR INCR option supports a single increment-element pair"); return
        }
        var pairs: [(Double, KeyBytes)] = []
        var i = index
        while i < argv.count {
            guard let score = parseRedisDouble(argv[i].bytes) else {
                out.writeRESPError("ERR value is not a valid float")
                return
            }
            pairs.append((score, KeyBytes(argv[i + 1])))
            i += 2
        }
        let key = KeyBytes(argv[1])
        var zset: SortedSetValue
        var position: Int
        switch zsetAt(s, key) {
        case .wrongType: out.writeRESPError(Self.wrongType); return
        case .found(let p, let existing): zset = existing; position = p
        case .missing:
            if xx {
                if incr { out.writeRESPNullBulk(s.protocolVersion) } else { out.writeRESPInteger(0) }
                return
            }
            zset = SortedSetValue()
            position = store(s.database, key, .zset(zset), at: .some(nil))
        }
        let before = MemoryCost.of(databases[s.database].entry(at: position))
        var added = 0, updated = 0
        var incrResult: Double?
        for (score, member) in pairs {
            if let current = zset.score(of: member) {
                if nx { continue }
                var target = score
                if incr {
                    target = current + score
                    if target.isNaN {
                        out.writeRESPError("ERR resulting score is not a number (NaN)")
                        remeasure(s.database, position, before: before)
                        return
                    }
                }
                if (gt && target <= current) || (lt && target >= current) { continue }
                incrResult = target
                if target != current {
                    zset.set(member, score: target == 0 ? 0 : target)
                    updated += 1
                }
            } else {
                if xx { continue }
                zset.set(member, score: score == 0 ? 0 : score)
                incrResult = score
                added += 1
            }
        }
        remeasure(s.database, position, before: before)
        removeIfEmpty(s.database, position, count: zset.count)
        if added + updated > 0 { signalModified(s.database, key) }
        if added + updated > 0 { notify(.zset, incr ? "zincr" : "zadd", key, s.database) }
        if incr {
            if let incrResult { writeScore(incrResult, s, &out) } else { out.writeRESPNullBulk(s.protocolVersion) }
        } else {
            out.writeRESPInteger(Int64(ch ? added + updated : added))
        }
    }

    func zscore(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        switch zsetAt(s, KeyBytes(argv[1]), read: true) {
        case .wrongType: out.writeRESPError(Self.wrongType)
        case .missing: out.writeRESPNullBulk(s.protocolVersion)
        case .found(_, let zset):
            if let score = zset.score(of: KeyBytes(argv[2])) {
                writeScore(score, s, &out)
            } else {
                out.writeRESPNullBulk(s.protocolVersion)
            }
        }
    }

    func zremrangebyscore(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        guard let low = ScoreBound(argv[2]), let high = ScoreBound(argv[3]) else {
            out.writeRESPError("ERR min or max is not a float")
            return
        }
        let key = KeyBytes(argv[1])
        switch zsetAt(s, key) {
        case .wrongType: out.writeRESPError(Self.wrongType)
        case .missing: out.writeRESPInteger(0)
        case .found(let position, let zset):
            let range = scoreRange(zset, low, high)
            let before = MemoryCost.of(databases[s.database].entry(at: position))
            zset.removeRange(range)
            remeasure(s.database, position, before: before)
            removeIfEmpty(s.database, position, count: zset.count)
            if !range.isEmpty { signalModified(s.database, key) }
            out.writeRESPInteger(Int64(range.count))
        }
    }

    /// Indices of items between two score bounds (empty when the bounds cross).
    func scoreRange(_ zset: SortedSetValue, _ low: ScoreBound, _ high: ScoreBound) -> Range<Int> {
        let start = zset.firstIndex(atLeast: low.value, inclusive: !low.exclusive)
        let end = zset.firstIndex(atLeast: high.value, inclusive: high.exclusive)
        return start < end ? start..<end : start..<start
    }

    /// ZPOPMIN and ZPOPMAX: the lowest (highest) scored members, removed.
    func zpop(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer, max: Bool) {
        guard let count = optionalCount(argv, tooMany: Self.syntaxError, &out) else { return }
        let key = KeyBytes(argv[1])
        switch zsetAt(s, key) {
        case .wrongType: out.writeRESPError(Self.wrongType)
        case .missing: out.writeRESPArrayHeader(0)
        case .found(let position, let zset):
            let before = MemoryCost.of(databases[s.database].entry(at: position))
            let items = max ? zset.popMaxItems(count ?? 1) : zset.popMin(count ?? 1)
            remeasure(s.database, position, before: before)
            let emptied = zset.count == 0
            removeIfEmpty(s.database, position, count: zset.count)
            if !items.isEmpty {
                signalModified(s.database, key)
                notifyPopped(.zset, max ? "zpopmax" : "zpopmin", key, s.database, emptied: emptied)
            }
            let nested = count != nil && s.protocolVersion == .v3
            out.writeRESPArrayHeader(nested ? items.count : items.count * 2)
            for item in items {
                if nested { out.writeRESPArrayHeader(2) }
                out.writeRESPBulk(item.member)
                writeScore(item.score, s, &out)
            }
        }
    }
}
