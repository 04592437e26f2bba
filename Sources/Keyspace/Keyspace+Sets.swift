import NIOCore

extension Keyspace {
    func setAt(_ s: ClientSession, _ key: KeyBytes, read: Bool = false) -> Typed<SetValue> {
        containerAt(s, key, read: read)
    }

    func sadd(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        let key = KeyBytes(argv[1])
        guard case let (position, set)? = containerForWrite(s, key, as: SetValue.self, &out) else { return }
        let before = MemoryCost.of(databases[s.database].entry(at: position))
        var added: Int64 = 0
        for member in argv.dropFirst(2) where set.insert(KeyBytes(member)) { added += 1 }
        remeasure(s.database, position, before: before)
        if added > 0 { signalModified(s.database, key) }
        if added > 0 { notify(.set, "sadd", key, s.database) }
        out.writeRESPInteger(added)
    }

    func smembers(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        switch setAt(s, KeyBytes(argv[1]), read: true) {
        case .wrongType: out.writeRESPError(Self.wrongType)
        case .missing: out.writeRESPSetHeader(0, s.protocolVersion)
        case .found(_, let set):
            let members = set.ordered
            out.writeRESPSetHeader(members.count, s.protocolVersion)
            for member in members { out.writeRESPBulk(member.bytes) }
        }
    }

    func sismember(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        switch setAt(s, KeyBytes(argv[1]), read: true) {
        case .wrongType: out.writeRESPError(Self.wrongType)
        case .missing: out.writeRESPInteger(0)
        case .found(_, let set): out.writeRESPInteger(set.contains(KeyBytes(argv[2])) ? 1 : 0)
        }
    }

    func spop(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        guard let count = optionalCount(argv, tooMany: Self.syntaxError, &out) else { return }
        let key = KeyBytes(argv[1])
        switch setAt(s, key) {
        case .wrongType: out.writeRESPError(Self.wrongType)
        case .missing:
            if count == nil {
                out.writeRESPNullBulk(s.protocolVersion)
            } else {
                out.writeRESPSetHeader(0, s.protocolVersion)
            }
        case .found(let position, let set):
            let before = MemoryCost.of(databases[s.database].entry(at: position))
            let n = min(count ?? 1, set.count)
            if count != nil { out.writeRESPSetHeader(n, s.protocolVersion) }
            for _ in 0..<n {
                guard let member = set.randomMember(using: &random) else { break }
                set.remove(member)
                out.writeRESPBulk(member.bytes)
            }
            remeasure(s.database, position, before: before)
            removeIfEmpty(s.database, position, count: set.count)
            if n > 0 { signalModified(s.database, key) }
        }
    }
}
