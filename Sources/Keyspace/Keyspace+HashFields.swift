import NIOCore
import RESP

/// HKEYS, HVALS, HMSET, HSETNX, HSTRLEN, HINCRBYFLOAT and HRANDFIELD.
extension Keyspace {
    func hkeysOrValues(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer, values: Bool) {
        switch hashAt(s, KeyBytes(argv[1]), read: true) {
        case .wrongType: out.writeRESPError(Self.wrongType)
        case .missing: out.writeRESPArrayHeader(0)
        case .found(_, let hash):
            out.writeRESPArrayHeader(hash.count)
            for i in 0..<hash.count { out.writeRESPBulk(values ? hash.values[i] : hash.fields[i]) }
        }
    }

    func hmset(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        guard argv.count % 2 == 0 else {
            out.writeRESPError("ERR wrong number of arguments for 'hmset' command")
            return
        }
        var ignored = ByteBuffer()
        hset(argv, s, &ignored)
        if ignored.readableBytesView.first == UInt8(ascii: "-") {
            out.writeBuffer(&ignored)
        } else {
            out.writeRESPSimpleString("OK")
        }
    }

    func hsetnx(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        let key = KeyBytes(argv[1])
        let field = KeyBytes(argv[2])
        guard case let (position, hash)? = containerForWrite(s, key, as: HashValue.self, &out) else { return }
        if hash.get(field) != nil {
            out.writeRESPInteger(0)
            return
        }
        let before = MemoryCost.of(databases[s.database].entry(at: position))
        hash.set(field, KeyBytes(argv[3]))
        remeasure(s.database, position, before: before)
        signalModified(s.database, key)
        out.writeRESPInteger(1)
    }

    func hstrlen(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        switch hashAt(s, KeyBytes(argv[1]), read: true) {
        case .wrongType: out.writeRESPError(Self.wrongType)
        case .missing: out.writeRESPInteger(0)
        case .found(_, let hash): out.writeRESPInteger(Int64(hash.get(KeyBytes(argv[2]))?.count ?? 0))
        }
    }

    func hincrbyfloat(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        guard let increment = parseRedisLongDouble(argv[3].bytes) else {
            out.writeRESPError("ERR value is not a valid float")
            return
        }
        if increment.isNaN || increment.isInfinite {
            out.writeRESPError("ERR value is NaN or Infinity")
            return
        }
        let key = KeyBytes(argv[1])
        let field = KeyBytes(argv[2])
        guard case let (position, hash)? = containerForWrite(s, key, as: HashValue.self, &out) else { return }
        var current: Float80 = 0
        if let bytes = hash.get(field) {
            guard let value = parseRedisLongDouble(bytes.bytes) else {
                out.writeRESPError("ERR hash value is not a float")
                removeIfEmpty(s.database, position, count: hash.count)
                return
            }
            current = value
        }
        let result = current + increment
        if result.isNaN || result.isInfinite {
            out.writeRESPError("ERR increment would produce NaN or Infinity")
            removeIfEmpty(s.database, position, count: hash.count)
            return
        }
        let text = formatRedisLongDouble(result)
        let before = MemoryCost.of(databases[s.database].entry(at: position))
        hash.set(field, KeyBytes(text))
        remeasure(s.database, position, before: before)
        signalModified(s.database, key)
        out.writeRESPBulk(text)
    }

    func hrandfield(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        guard argv.count >= 3 else {
            switch hashAt(s, KeyBytes(argv[1]), read: true) {
            case .wrongType: out.writeRESPError(Self.wrongType)
            case .missing: out.writeRESPNullBulk(s.protocolVersion)
            case .found(_, let hash):
                out.writeRESPBulk(hash.fields[Int(random.next() % UInt64(hash.count))])
            }
            return
        }
        guard let request = randomCountRequest(argv, option: "withvalues", &out) else { return }
        let hash: HashValue
        switch hashAt(s, KeyBytes(argv[1]), read: true) {
        case .wrongType: out.writeRESPError(Self.wrongType); return
        case .missing: out.writeRESPArrayHeader(0); return
        case .found(_, let found): hash = found
        }
        let picks = randomPicks(request.count, size: hash.count)
        writePairs(picks, withSecond: request.withSecond, s, &out) { index, out in
            out.writeRESPBulk(hash.fields[index])
        } second: { index, out in
            out.writeRESPBulk(hash.values[index])
        }
    }

    /// The `count [WITHVALUES|WITHSCORES]` of HRANDFIELD and ZRANDMEMBER; nil once an error is written.
    func randomCountRequest(
        _ argv: [ByteBuffer], option: StaticString, _ out: inout ByteBuffer
    ) -> (count: Int64, withSecond: Bool)? {
        guard let count = parseRedisInteger(argv[2].readableBytesView) else {
            out.writeRESPError(Self.notInteger)
            return nil
        }
        if count == Int64.min {
            out.writeRESPError(
                "ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807")
            return nil
        }
        if argv.count > 4 || (argv.count == 4 && !argv[3].equalsIgnoringCase(option)) {
            out.writeRESPError(Self.syntaxError)
            return nil
        }
        let withSecond = argv.count == 4
        let halfRange = count < -(Int64.max / 2) || count > Int64.max / 2
        if (withSecond && halfRange) || count < -Self.maxRandomDraws {
            out.writeRESPError("ERR value is out of range")
            return nil
        }
        return (count, withSecond)
    }

    /// The most elements a negative count may draw with repetition: Redis would build a reply of any
    /// size; this server answers "value is out of range" rather than run out of memory.
    static let maxRandomDraws: Int64 = 1 << 24

    /// Indices drawn as Redis's SRANDMEMBER/HRANDFIELD/ZRANDMEMBER with a count draw them: a negative
    /// count draws with repetition, a count at least the size takes every index in order, a smaller
    /// one draws distinct indices.
    func randomPicks(_ count: Int64, size: Int) -> [Int] {
        guard size > 0, count != 0 else { return [] }
        if count < 0 {
            let n = Int(clamping: count.magnitude)
            return (0..<n).map { _ in Int(random.next() % UInt64(size)) }
        }
        if count >= Int64(size) { return Array(0..<size) }
        var indices = Array(0..<size)
        let n = Int(count)
        for i in 0..<n {
            let j = i + Int(random.next() % UInt64(size - i))
            indices.swapAt(i, j)
        }
        return Array(indices[..<n])
    }

    /// Writes picked elements, each followed by its value or score when asked (RESP3: in pairs).
    func writePairs(
        _ picks: [Int], withSecond: Bool, _ s: ClientSession, _ out: inout ByteBuffer,
        first: (Int, inout ByteBuffer) -> Void, second: (Int, inout ByteBuffer) -> Void
    ) {
        let nested = withSecond && s.protocolVersion == .v3
        out.writeRESPArrayHeader(withSecond && !nested ? picks.count * 2 : picks.count)
        for index in picks {
            if nested { out.writeRESPArrayHeader(2) }
            first(index, &out)
            if withSecond { second(index, &out) }
        }
    }
}
