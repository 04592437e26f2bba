import NIOCore

extension Keyspace {
    /// SREM, ZREM and HDEL: removes the members (or fields) named after the key from the container
    /// of kind `T`, replies with how many were there, and deletes the container once it is empty.
    func removeMembers<T: MemberRemovable>(
        _ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer, from kind: T.Type
    ) {
        let key = KeyBytes(argv[1])
        switch containerAt(s, key) as Typed<T> {
        case .wrongType: out.writeRESPError(Self.wrongType)
        case .missing: out.writeRESPInteger(0)
        case .found(let position, let container):
            let before = MemoryCost.of(databases[s.database].entry(at: position))
            var removed: Int64 = 0
            for member in argv.dropFirst(2) where container.remove(KeyBytes(member)) { removed += 1 }
            remeasure(s.database, position, before: before)
            let emptied = container.count == 0
            removeIfEmpty(s.database, position, count: container.count)
            if removed > 0 { signalModified(s.database, key) }
            if removed > 0 { notifyRemoved(T.self, key, s.database, emptied: emptied) }
            out.writeRESPInteger(removed)
        }
    }

    /// LLEN, HLEN, SCARD and ZCARD: how many elements the container of kind `T` at the key holds (0 when missing).
    func countMembers<T: ContainerValue>(
        _ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer, of kind: T.Type
    ) {
        switch containerAt(s, KeyBytes(argv[1]), read: true) as Typed<T> {
        case .wrongType: out.writeRESPError(Self.wrongType)
        case .missing: out.writeRESPInteger(0)
        case .found(_, let container): out.writeRESPInteger(Int64(container.count))
        }
    }
}
