import NIOCore
import RESP

/// COPY, MOVE, RENAMENX, RANDOMKEY, EXPIRETIME, PEXPIRETIME and TOUCH, as Redis 7.0's db.c answers them.
extension Keyspace {
    static let sameObject = "ERR source and destination objects are the same"

    /// A database index argument as Redis's `getIntFromObjectOrReply` then `selectDb` check it.
    private func databaseIndex(_ argument: ByteBuffer, _ out: inout ByteBuffer) -> Int? {
        guard let index = parseRedisInteger(argument.readableBytesView) else {
            out.writeRESPError(Self.notInteger)
            return nil
        }
        guard index >= Int32.min, index <= Int32.max else {
            out.writeRESPError("ERR value is out of range, value must between -2147483648 and 2147483647")
            return nil
        }
        guard index >= 0 && index < databases.count else {
            out.writeRESPError("ERR DB index is out of range")
            return nil
        }
        return Int(index)
    }

    func copy(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        var target = s.database
        var replace = false
        var j = 3
        while j < argv.count {
            if argv[j].equalsIgnoringCase("replace") {
                replace = true
            } else if argv[j].equalsIgnoringCase("db") && j + 1 < argv.count {
                guard let index = databaseIndex(argv[j + 1], &out) else { return }
                target = index
                j += 1
            } else {
                out.writeRESPError(Self.syntaxError)
                return
            }
            j += 1
        }
        let source = KeyBytes(argv[1])
        let destination = KeyBytes(argv[2])
        if target == s.database && source == destination {
            out.writeRESPError(Self.sameObject)
            return
        }
        guard let position = lookup(s.database, source, read: true) else {
            out.writeRESPInteger(0)
            return
        }
        let entry = databases[s.database].entry(at: position)
        if let existing = lookup(target, destination) {
            guard replace else {
                out.writeRESPInteger(0)
                return
            }
            remove(target, existing)
        }
        store(target, destination, entry.value.duplicate(), expireAt: entry.expireAt, at: .some(nil))
        out.writeRESPInteger(1)
    }

    func move(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        guard let target = databaseIndex(argv[2], &out) else { return }
        if target == s.database {
            out.writeRESPError(Self.sameObject)
            return
        }
        let key = KeyBytes(argv[1])
        guard let position = lookup(s.database, key) else {
            out.writeRESPInteger(0)
            return
        }
        if lookup(target, key) != nil {
            out.writeRESPInteger(0)
            return
        }
        let entry = databases[s.database].entry(at: position)
        remove(s.database, position)
        signalModified(s.database, key)
        store(target, key, entry.value, expireAt: entry.expireAt, at: .some(nil))
        out.writeRESPInteger(1)
    }

    func renamenx(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        let source = KeyBytes(argv[1])
        let target = KeyBytes(argv[2])
        guard let position = lookup(s.database, source) else {
            out.writeRESPError("ERR no such key")
            return
        }
        if source == target || lookup(s.database, target) != nil {
            out.writeRESPInteger(0)
            return
        }
        let entry = databases[s.database].entry(at: position)
        remove(s.database, position)
        signalModified(s.database, source)
        store(s.database, target, entry.value, expireAt: entry.expireAt, at: .some(nil))
        out.writeRESPInteger(1)
    }

    func randomkey(_ s: ClientSession, _ out: inout ByteBuffer) {
        let db = databases[s.database]
        while db.count > 0 {
            let position = random.below(db.count)
            let entry = db.entry(at: position)
            if entry.expireAt != 0 && entry.expireAt <= now {
                deleteExpired(s.database, position)
                continue
            }
            out.writeRESPBulk(entry.key)
            return
        }
        out.writeRESPNullBulk(s.protocolVersion)
    }

    func expiretime(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer, milliseconds: Bool) {
        guard let position = peek(s.database, KeyBytes(argv[1])) else {
            out.writeRESPInteger(-2)
            return
        }
        let expireAt = databases[s.database].entry(at: position).expireAt
        guard expireAt != 0 else {
            out.writeRESPInteger(-1)
            return
        }
        let at = max(0, expireAt)
        out.writeRESPInteger(milliseconds ? at : (at + 500) / 1000)
    }

    func touch(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        var touched: Int64 = 0
        for arg in argv.dropFirst() where lookup(s.database, KeyBytes(arg), read: true) != nil { touched += 1 }
        out.writeRESPInteger(touched)
    }
}

extension StoredValue {
    /// A deep copy: containers are classes, so COPY must not share them.
    func duplicate() -> StoredValue {
        switch self {
        case .string: return self
        case .list(let list):
            let copy = ListValue()
            for i in 0..<list.count { copy.pushBack(list[i]) }
            return .list(copy)
        case .hash(let hash):
            let copy = HashValue()
            for (field, value) in zip(hash.fields, hash.values) { copy.set(field, value) }
            return .hash(copy)
        case .set(let set):
            let copy = SetValue()
            for member in set.items { copy.insert(member) }
            return .set(copy)
        case .zset(let zset):
            let copy = SortedSetValue()
            for item in zset.items { copy.set(KeyBytes(item.member), score: item.score) }
            return .zset(copy)
        }
    }
}
