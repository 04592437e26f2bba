import NIOCore
import RESP

/// SCAN, SSCAN, HSCAN and ZSCAN with MATCH, COUNT and (SCAN only) TYPE.
///
/// Entries are walked from the last position down to the first, and the cursor is the number of
/// positions not yet visited. Removing an entry moves the last one into its place and adding one
/// appends, so an entry present for the whole scan never moves from the unvisited part to the
/// visited part: it is always reported, as Redis guarantees (entries may be reported twice).
/// Small sets, hashes and sorted sets (Redis's intset and listpack encodings) are returned whole
/// with cursor 0, as Redis does.
extension Keyspace {
    enum ScanKind { case set, hash, zset }

    /// Redis's `parseScanCursorOrReply` (strtoul): digits with an optional sign, no spaces.
    private func scanCursor(_ argument: ByteBuffer) -> UInt64? {
        let bytes = argument.bytes
        if let first = bytes.first, first == 32 || (first >= 9 && first <= 13) { return nil }
        var i = 0
        var negative = false
        if i < bytes.count && (bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-")) {
            negative = bytes[i] == UInt8(ascii: "-")
            i += 1
        }
        var value: UInt64 = 0
        while i < bytes.count {
            let c = bytes[i]
            guard c >= 48 && c <= 57 else { return nil }
            let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.addingReportingOverflow(UInt64(c - 48))
            if overflow1 || overflow2 { return nil }
            value = sum
            i += 1
        }
        return negative ? 0 &- value : value
    }

    private struct ScanOptions {
        var count = 10
        var pattern: GlobPattern?
        var type: String?
    }

    private func scanOptions(_ argv: [ByteBuffer], from start: Int, allowType: Bool, _ out: inout ByteBuffer)
        -> ScanOptions?
    {
        var options = ScanOptions()
        var j = start
        while j < argv.count {
            let remaining = argv.count - j - 1
            if argv[j].equalsIgnoringCase("count") && remaining >= 1 {
                guard let value = parseRedisInteger(argv[j + 1].readableBytesView) else {
                    out.writeRESPError(Self.notInteger)
                    return nil
                }
                guard value >= 1 else {
                    out.writeRESPError(Self.syntaxError)
                    return nil
                }
                options.count = Int(min(value, Int64(Int32.max)))
            } else if argv[j].equalsIgnoringCase("match") && remaining >= 1 {
                let pattern = argv[j + 1].bytes
                options.pattern = pattern == [UInt8(ascii: "*")] ? nil : GlobPattern(pattern)
            } else if allowType && argv[j].equalsIgnoringCase("type") && remaining >= 1 {
                options.type = argv[j + 1].text.lowercased()
            } else {
                out.writeRESPError(Self.syntaxError)
                return nil
            }
            j += 2
        }
        return options
    }

    private func writeScanReply(_ cursor: Int, _ items: [KeyBytes], _ out: inout ByteBuffer) {
        out.writeRESPArrayHeader(2)
        out.writeRESPBulk(String(cursor))
        out.writeRESPArrayHeader(items.count)
        for item in items { out.writeRESPBulk(item) }
    }

    func scan(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        guard let cursor = scanCursor(argv[1]) else {
            out.writeRESPError("ERR invalid cursor")
            return
        }
        guard let options = scanOptions(argv, from: 2, allowType: true, &out) else { return }
        let db = databases[s.database]
        var boundary = cursor == 0 ? db.count : Int(min(cursor, UInt64(db.count)))
        var candidates: [KeyBytes] = []
        var visited = 0
        while boundary > 0 && visited < options.count {
            boundary -= 1
            visited += 1
            let key = db.entry(at: boundary).key
            if let pattern = options.pattern, !pattern.matches(key) { continue }
            candidates.append(key)
        }
        var found: [KeyBytes] = []
        for key in candidates {
            if let type = options.type {
                let position = lookup(s.database, key, read: true)
                let name = position.map { databases[s.database].entry(at: $0).value.typeName } ?? "none"
                if name != type { continue }
            } else if lookup(s.database, key) == nil {
                continue
            }
            found.append(key)
        }
        writeScanReply(boundary, found, &out)
    }

    func containerScan(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer, kind: ScanKind) {
        guard let cursor = scanCursor(argv[2]) else {
            out.writeRESPError("ERR invalid cursor")
            return
        }
        guard let options = scanOptions(argv, from: 3, allowType: false, &out) else { return }
        guard let position = lookup(s.database, KeyBytes(argv[1]), read: true) else {
            writeScanReply(0, [], &out)
            return
        }
        let value = databases[s.database].entry(at: position).value
        let compact: Bool
        switch (kind, value) {
        case (.set, .set), (.hash, .hash), (.zset, .zset):
            let encoding = encodingName(value)
            compact = encoding == "intset" || encoding == "listpack"
        default:
            out.writeRESPError(Self.wrongType)
            return
        }
        let total = containerCount(value)
        var boundary = compact || cursor == 0 ? total : Int(min(cursor, UInt64(total)))
        var visited = 0
        var items: [KeyBytes] = []
        let ordered: [KeyBytes]? = if case .set(let set) = value, compact { set.ordered } else { nil }
        var indexes: [Int] = []
        while boundary > 0 && (compact || visited < options.count) {
            boundary -= 1
            visited += 1
            indexes.append(boundary)
        }
        if compact { indexes.reverse() }
        for index in indexes {
            switch value {
            case .set(let set):
                let member = ordered?[index] ?? set.items[index]
                if let pattern = options.pattern, !pattern.matches(member) { continue }
                items.append(member)
            case .hash(let hash):
                if let pattern = options.pattern, !pattern.matches(hash.fields[index]) { continue }
                items.append(hash.fields[index])
                items.append(hash.values[index])
            case .zset(let zset):
                let member = KeyBytes(zset.items[index].member)
                if let pattern = options.pattern, !pattern.matches(member) { continue }
                items.append(member)
                items.append(KeyBytes(formatRedisDouble(zset.items[index].score)))
            default:
                break
            }
        }
        writeScanReply(boundary, items, &out)
    }

    private func containerCount(_ value: StoredValue) -> Int {
        switch value {
        case .set(let set): return set.count
        case .hash(let hash): return hash.count
        case .zset(let zset): return zset.count
        default: return 0
        }
    }
}
