import NIOCore
import RESP

/// LINDEX, LSET, LINSERT, LREM, LTRIM, LPOS, LPUSHX and RPUSHX, with Redis 7.0's replies and errors.
extension Keyspace {
    func pushx(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer, front: Bool) {
        let key = KeyBytes(argv[1])
        switch listAt(s, key) {
        case .wrongType: out.writeRESPError(Self.wrongType)
        case .missing: out.writeRESPInteger(0)
        case .found:
            push(argv, s, &out, front: front)
        }
    }

    func lindex(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        switch listAt(s, KeyBytes(argv[1]), read: true) {
        case .wrongType: out.writeRESPError(Self.wrongType)
        case .missing: out.writeRESPNullBulk(s.protocolVersion)
        case .found(_, let list):
            guard let index = parseRedisInteger(argv[2].readableBytesView) else {
                out.writeRESPError(Self.notInteger)
                return
            }
            if let i = listIndex(index, count: list.count) {
                out.writeRESPBulk(list[i])
            } else {
                out.writeRESPNullBulk(s.protocolVersion)
            }
        }
    }

    /// A Redis list index (negative from the end) as a position, nil when out of range.
    func listIndex(_ index: Int64, count: Int) -> Int? {
        let n = Int64(count)
        let i = index < 0 ? n + index : index
        return i >= 0 && i < n ? Int(i) : nil
    }

    func lset(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        let key = KeyBytes(argv[1])
        switch listAt(s, key) {
        case .wrongType: out.writeRESPError(Self.wrongType)
        case .missing: out.writeRESPError("ERR no such key")
        case .found(let position, let list):
            guard let index = parseRedisInteger(argv[2].readableBytesView) else {
                out.writeRESPError(Self.notInteger)
                return
            }
            guard let i = listIndex(index, count: list.count) else {
                out.writeRESPError("ERR index out of range")
                return
            }
            let before = MemoryCost.of(databases[s.database].entry(at: position))
            list.replace(at: i, with: KeyBytes(argv[3]))
            remeasure(s.database, position, before: before)
            signalModified(s.database, key)
            out.writeRESPSimpleString("OK")
        }
    }

    func linsert(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        let after: Bool
        if argv[2].equalsIgnoringCase("after") {
            after = true
        } else if argv[2].equalsIgnoringCase("before") {
            after = false
        } else {
            out.writeRESPError(Self.syntaxError)
            return
        }
        let key = KeyBytes(argv[1])
        switch listAt(s, key) {
        case .wrongType: out.writeRESPError(Self.wrongType)
        case .missing: out.writeRESPInteger(0)
        case .found(let position, let list):
            var items = list.elements
            let pivot = KeyBytes(argv[3])
            guard let at = items.firstIndex(of: pivot) else {
                out.writeRESPInteger(-1)
                return
            }
            let before = MemoryCost.of(databases[s.database].entry(at: position))
            items.insert(KeyBytes(argv[4]), at: after ? at + 1 : at)
            list.replaceAll(items)
            remeasure(s.database, position, before: before)
            signalModified(s.database, key)
            out.writeRESPInteger(Int64(list.count))
        }
    }

    func lrem(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        guard let count = parseRedisInteger(argv[2].readableBytesView) else {
            out.writeRESPError(Self.notInteger)
            return
        }
        let key = KeyBytes(argv[1])
        switch listAt(s, key) {
        case .wrongType: out.writeRESPError(Self.wrongType)
        case .missing: out.writeRESPInteger(0)
        case .found(let position, let list):
            let element = KeyBytes(argv[3])
            let limit = count == 0 ? Int.max : Int(clamping: count.magnitude)
            var items = list.elements
            var removed = 0
            if count < 0 { items.reverse() }
            var kept: [KeyBytes] = []
            kept.reserveCapacity(items.count)
            for item in items {
                if removed < limit && item == element {
                    removed += 1
                } else {
                    kept.append(item)
                }
            }
            if count < 0 { kept.reverse() }
            if removed > 0 {
                let before = MemoryCost.of(databases[s.database].entry(at: position))
                list.replaceAll(kept)
                remeasure(s.database, position, before: before)
                removeIfEmpty(s.database, position, count: list.count)
                signalModified(s.database, key)
            }
            out.writeRESPInteger(Int64(removed))
        }
    }

    func ltrim(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        guard let start = parseRedisInteger(argv[2].readableBytesView),
            let stop = parseRedisInteger(argv[3].readableBytesView)
        else {
            out.writeRESPError(Self.notInteger)
            return
        }
        let key = KeyBytes(argv[1])
        switch listAt(s, key) {
        case .wrongType: out.writeRESPError(Self.wrongType)
        case .missing: out.writeRESPSimpleString("OK")
        case .found(let position, let list):
            let before = MemoryCost.of(databases[s.database].entry(at: position))
            if let range = clampRange(start, stop, count: list.count) {
                if range.count != list.count { list.replaceAll(Array(list.elements[range])) }
            } else {
                list.replaceAll([])
            }
            remeasure(s.database, position, before: before)
            removeIfEmpty(s.database, position, count: list.count)
            signalModified(s.database, key)
            out.writeRESPSimpleString("OK")
        }
    }

    func lpos(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        var rank: Int64 = 1
        var count: Int64 = -1
        var maxlen: Int64 = 0
        var j = 3
        while j < argv.count {
            let more = argv.count - 1 - j
            let option = argv[j]
            if option.equalsIgnoringCase("rank") && more > 0 {
                j += 1
                guard let value = parseRedisInteger(argv[j].readableBytesView) else {
                    out.writeRESPError(Self.notInteger)
                    return
                }
                if value == 0 {
                    out.writeRESPError(
                        "ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... "
                            + "or use negative to start from the end of the list")
                    return
                }
                rank = value
            } else if (option.equalsIgnoringCase("count") || option.equalsIgnoringCase("maxlen")) && more > 0 {
                j += 1
                let name = option.equalsIgnoringCase("count") ? "COUNT" : "MAXLEN"
                guard let value = parseRedisInteger(argv[j].readableBytesView), value >= 0 else {
                    out.writeRESPError("ERR \(name) can't be negative")
                    return
                }
                if name == "COUNT" { count = value } else { maxlen = value }
            } else {
                out.writeRESPError(Self.syntaxError)
                return
            }
            j += 1
        }
        let list: ListValue
        switch listAt(s, KeyBytes(argv[1]), read: true) {
        case .wrongType: out.writeRESPError(Self.wrongType); return
        case .missing:
            if count != -1 { out.writeRESPArrayHeader(0) } else { out.writeRESPNullBulk(s.protocolVersion) }
            return
        case .found(_, let found): list = found
        }
        let element = KeyBytes(argv[2])
        let backwards = rank < 0
        // Redis negates RANK in a C long: -LONG_MIN stays negative, so every match counts and COUNT never stops.
        let overflowed = rank == Int64.min
        let wanted: UInt64 = overflowed ? 1 : rank.magnitude
        let n = list.count
        var matches: UInt64 = 0
        var found: [Int64] = []
        var scanned: Int64 = 0
        var step = 0
        while step < n && (maxlen == 0 || scanned < maxlen) {
            let i = backwards ? n - 1 - step : step
            if list[i] == element {
                matches += 1
                if matches >= wanted {
                    found.append(Int64(i))
                    if count == -1 { break }
                    if count != 0 && !overflowed && Int64(matches - wanted + 1) >= count { break }
                }
            }
            scanned += 1
            step += 1
        }
        if count != -1 {
            out.writeRESPArrayHeader(found.count)
            for index in found { out.writeRESPInteger(index) }
        } else if let first = found.first {
            out.writeRESPInteger(first)
        } else {
            out.writeRESPNullBulk(s.protocolVersion)
        }
    }
}
