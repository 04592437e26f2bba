import NIOCore
import RESP

extension Keyspace {
    func hashAt(_ s: ClientSession, _ key: KeyBytes, read: Bool = false) -> Typed<HashValue> {
        containerAt(s, key, read: read)
    }

    func hset(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        guard argv.count % 2 == 0 else {
            out.writeRESPError("ERR wrong number of arguments for 'hset' command")
            return
        }
        let key = KeyBytes(argv[1])
        guard case let (position, hash)? = containerForWrite(s, key, as: HashValue.self, &out) else { return }
        let before = MemoryCost.of(databases[s.database].entry(at: position))
        var added: Int64 = 0
        var i = 2
        while i < argv.count {
            if hash.set(KeyBytes(argv[i]), KeyBytes(argv[i + 1])) { added += 1 }
            i += 2
        }
        remeasure(s.database, position, before: before)
        signalModified(s.database, key)
        notify(.hash, "hset", key, s.database)
        out.writeRESPInteger(added)
    }

    func hget(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        switch hashAt(s, KeyBytes(argv[1]), read: true) {
        case .wrongType: out.writeRESPError(Self.wrongType)
        case .missing: out.writeRESPNullBulk(s.protocolVersion)
        case .found(_, let hash):
            if let value = hash.get(KeyBytes(argv[2])) {
                out.writeRESPBulk(value)
            } else {
                out.writeRESPNullBulk(s.protocolVersion)
            }
        }
    }

    func hmget(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        var hash: HashValue?
        switch hashAt(s, KeyBytes(argv[1]), read: true) {
        case .wrongType: out.writeRESPError(Self.wrongType); return
        case .missing: hash = nil
        case .found(_, let found): hash = found
        }
        out.writeRESPArrayHeader(argv.count - 2)
        for field in argv.dropFirst(2) {
            if let value = hash?.get(KeyBytes(field)) {
                out.writeRESPBulk(value)
            } else {
                out.writeRESPNullBulk(s.protocolVersion)
            }
        }
    }

    func hgetall(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        switch hashAt(s, KeyBytes(argv[1]), read: true) {
        case .wrongType: out.writeRESPError(Self.wrongType)
        case .missing: out.writeRESPMapHeader(0, s.protocolVersion)
        case .found(_, let hash):
            out.writeRESPMapHeader(hash.count, s.protocolVersion)
            for i in 0..<hash.count {
                out.writeRESPBulk(hash.fields[i])
                out.writeRESPBulk(hash.values[i])
            }
        }
    }

    func hincrby(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        guard let increment = parseRedisInteger(argv[3].readableBytesView) else {
            out.writeRESPError(Self.notInteger)
            return
        }
        let key = KeyBytes(argv[1])
        let field = KeyBytes(argv[2])
        guard case let (position, hash)? = containerForWrite(s, key, as: HashValue.self, &out) else { return }
        var current: Int64 = 0
        if let bytes = hash.get(field) {
            guard let value = parseRedisInteger(bytes) else {
                out.writeRESPError("ERR hash value is not an integer")
                removeIfEmpty(s.database, position, count: hash.count)
                return
            }
            current = value
        }
        let (result, overflow) = current.addingReportingOverflow(increment)
        if overflow {
            out.writeRESPError("ERR increment or decrement would overflow")
            removeIfEmpty(s.database, position, count: hash.count)
            return
        }
        let before = MemoryCost.of(databases[s.database].entry(at: position))
        hash.set(field, KeyBytes(decimal: result))
        remeasure(s.database, position, before: before)
        signalModified(s.database, key)
        notify(.hash, "hincrby", key, s.database)
        out.writeRESPInteger(result)
    }

    func hexists(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        switch hashAt(s, KeyBytes(argv[1]), read: true) {
        case .wrongType: out.writeRESPError(Self.wrongType)
        case .missing: out.writeRESPInteger(0)
        case .found(_, let hash): out.writeRESPInteger(hash.get(KeyBytes(argv[2])) != nil ? 1 : 0)
        }
    }
}
