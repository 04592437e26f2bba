import NIOCore
import RESP

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// SORT and SORT_RO: BY and GET patterns (`*`, `#`, `->field`), LIMIT, ASC/DESC, ALPHA, STORE,
/// following Redis 7.0's sort.c.
extension Keyspace {
    private struct SortItem {
        var value: KeyBytes
        var score: Double = 0
        var compareWith: KeyBytes?
    }

    private struct SortOptions {
        var descending = false
        var alpha = false
        var limitStart = 0
        var limitCount = -1
        var store: KeyBytes?
        var by: [UInt8]?
        var dontSort = false
        var gets: [[UInt8]] = []
    }

    private func parseSortOptions(
        _ argv: [ByteBuffer], readOnly: Bool, _ out: inout ByteBuffer
    ) -> SortOptions? {
        var options = SortOptions()
        var j = 2
        while j < argv.count {
            let left = argv.count - j - 1
            let option = argv[j]
            if option.equalsIgnoringCase("asc") {
                options.descending = false
            } else if option.equalsIgnoringCase("desc") {
                options.descending = true
            } else if option.equalsIgnoringCase("alpha") {
                options.alpha = true
            } else if option.equalsIgnoringCase("limit") && left >= 2 {
                guard let start = parseRedisInteger(argv[j + 1].readableBytesView),
                    let count = parseRedisInteger(argv[j + 2].readableBytesView)
                else {
                    out.writeRESPError(Self.notInteger)
                    return nil
                }
                options.limitStart = Int(start)
                options.limitCount = Int(count)
                j += 2
            } else if !readOnly && option.equalsIgnoringCase("store") && left >= 1 {
                options.store = KeyBytes(argv[j + 1])
                j += 1
            } else if option.equalsIgnoringCase("by") && left >= 1 {
                let pattern = argv[j + 1].bytes
                options.by = pattern
                options.dontSort = !pattern.contains(UInt8(ascii: "*"))
                j += 1
            } else if option.equalsIgnoringCase("get") && left >= 1 {
                options.gets.append(argv[j + 1].bytes)
                j += 1
            } else {
                out.writeRESPError(Self.syntaxError)
                return nil
            }
            j += 1
        }
        return options
    }

    func sort(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer, readOnly: Bool) {
        guard var options = parseSortOptions(argv, readOnly: readOnly, &out) else { return }
        var value: StoredValue = .list(ListValue())
        if let position = lookup(s.database, KeyBytes(argv[1]), read: true) {
            value = databases[s.database].entry(at: position).value
        }
        if case .set = value, options.dontSort, options.store != nil {
            options.dontSort = false
            options.alpha = true
            options.by = nil
        }
        let total: Int
        switch value {
        case .list(let list): total = list.count
        case .set(let set): total = set.count
        case .zset(let zset): total = zset.count
        default:
            out.writeRESPError(Self.wrongType)
            return
        }
        var start = min(max(options.limitStart, 0), total)
        let count = min(max(options.limitCount, -1), total)
        var end = count < 0 ? total - 1 : start + count - 1
        if start >= total {
            start = total - 1
            end = total - 2
        }
        if end >= total { end = total - 1 }
        var items = sortItems(value, options, start: start, end: end)
        if options.dontSort, !isSet(value) {
            end -= start
            start = 0
        }
        if !options.dontSort {
            guard scoreItems(&items, options, s) else {
                out.writeRESPError("ERR One or more scores can't be converted into double")
                return
            }
            items.sort { sortOrders($0, before: $1, options) }
        }
        writeSorted(items, start: start, end: end, options, s, &out)
    }

    private func isSet(_ value: StoredValue) -> Bool {
        if case .set = value { return true }
        return false
    }

    /// The elements to sort: all of them, or (BY without `*` on a list or sorted set) just the LIMIT window.
    private func sortItems(_ value: StoredValue, _ options: SortOptions, start: Int, end: Int) -> [SortItem] {
        switch value {
        case .list(let list):
            if options.dontSort {
                guard end >= start else { return [] }
                let indexes = options.descending ? Array((list.count - 1 - end...list.count - 1 - start).reversed())
                    : Array(start...end)
                return indexes.map { SortItem(value: list[$0]) }
            }
            return (0..<list.count).map { SortItem(value: list[$0]) }
        case .set(let set):
            return set.ordered.map { SortItem(value: $0) }
        case .zset(let zset):
            if options.dontSort {
                guard end >= start else { return [] }
                let indexes = options.descending
                    ? Array((zset.count - 1 - end...zset.count - 1 - start).reversed()) : Array(start...end)
                return indexes.map { SortItem(value: KeyBytes(zset.items[$0].member)) }
            }
            return zset.items.map { SortItem(value: KeyBytes($0.member)) }
        default:
            return []
        }
    }

    /// Fills each item's sort key; false when a numeric sort meets a value that is not a double.
    private func scoreItems(_ items: inout [SortItem], _ options: SortOptions, _ s: ClientSession) -> Bool {
        var ok = true
        for j in items.indices {
            let by: KeyBytes
            if let pattern = options.by {
                guard let found = lookupByPattern(pattern, items[j].value, s) else { continue }
                by = found
            } else {
                by = items[j].value
            }
            if options.alpha {
                if options.by != nil { items[j].compareWith = by }
            } else {
                guard let score = sortScore(by.bytes) else {
                    ok = false
                    continue
                }
                items[j].score = score
            }
        }
        return ok
    }

    private func sortScore(_ bytes: [UInt8]) -> Double? {
        var text = bytes.map { CChar(bitPattern: $0) }
        text.append(0)
        return text.withUnsafeMutableBufferPointer { p -> Double? in
            guard let base = p.baseAddress else { return nil }
            var end: UnsafeMutablePointer<CChar>?
            errno = 0
            let value = strtod(base, &end)
            guard let end, end - base == bytes.count, errno != ERANGE, !value.isNaN else { return nil }
            return value
        }
    }

    private func sortOrders(_ a: SortItem, before b: SortItem, _ options: SortOptions) -> Bool {
        let order: Int
        if !options.alpha {
            if a.score != b.score {
                order = a.score < b.score ? -1 : 1
            } else {
                order = compareBytes(a.value, b.value)
            }
        } else if options.by != nil {
            switch (a.compareWith, b.compareWith) {
            case (nil, nil): order = 0
            case (nil, _): order = -1
            case (_, nil): order = 1
            case (let x?, let y?): order = compareBytes(x, y)
            }
        } else {
            order = compareBytes(a.value, b.value)
        }
        return options.descending ? order > 0 : order < 0
    }

    private func compareBytes(_ a: KeyBytes, _ b: KeyBytes) -> Int {
        if a == b { return 0 }
        return a.lexicographicallyPrecedes(b) ? -1 : 1
    }

    /// Redis's `lookupKeyByPattern`: `#` is the element itself; `prefix*suffix` a string key;
    /// `prefix*suffix->field` a hash field.
    private func lookupByPattern(_ pattern: [UInt8], _ element: KeyBytes, _ s: ClientSession) -> KeyBytes? {
        if pattern == [UInt8(ascii: "#")] { return element }
        guard let star = pattern.firstIndex(of: UInt8(ascii: "*")) else { return nil }
        var field: [UInt8]?
        var keyEnd = pattern.count
        var i = star + 1
        while i + 1 < pattern.count {
            if pattern[i] == UInt8(ascii: "-") && pattern[i + 1] == UInt8(ascii: ">") {
                if i + 2 < pattern.count {
                    field = Array(pattern[(i + 2)...])
                    keyEnd = i
                }
                break
            }
            i += 1
        }
        let key = KeyBytes(Array(pattern[..<star]) + element.bytes + Array(pattern[(star + 1)..<keyEnd]))
        guard let position = lookup(s.database, key, read: true) else { return nil }
        let stored = databases[s.database].entry(at: position).value
        if let field {
            guard case .hash(let hash) = stored else { return nil }
            return hash.get(KeyBytes(field))
        }
        guard case .string(let bytes) = stored else { return nil }
        return bytes
    }

    private func writeSorted(
        _ items: [SortItem], start: Int, end: Int, _ options: SortOptions, _ s: ClientSession,
        _ out: inout ByteBuffer
    ) {
        let window = end >= start ? Array(items[start...end]) : []
        let outputLength = options.gets.isEmpty ? window.count : options.gets.count * window.count
        guard let storeKey = options.store else {
            out.writeRESPArrayHeader(outputLength)
            for item in window {
                if options.gets.isEmpty { out.writeRESPBulk(item.value) }
                for pattern in options.gets {
                    if let found = lookupByPattern(pattern, item.value, s) {
                        out.writeRESPBulk(found)
                    } else {
                        out.writeRESPNullBulk(s.protocolVersion)
                    }
                }
            }
            return
        }
        let list = ListValue()
        for item in window {
            if options.gets.isEmpty { list.pushBack(item.value) }
            for pattern in options.gets {
                list.pushBack(lookupByPattern(pattern, item.value, s) ?? KeyBytes([]))
            }
        }
        if outputLength > 0 {
            store(s.database, storeKey, .list(list))
        } else {
            deleteKey(s.database, storeKey)
        }
        out.writeRESPInteger(Int64(outputLength))
    }
}
