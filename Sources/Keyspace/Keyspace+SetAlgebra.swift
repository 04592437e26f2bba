import NIOCore
import RESP

/// SINTER, SUNION, SDIFF and their STORE forms, SINTERCARD, SMOVE, SMISMEMBER and SRANDMEMBER.
extension Keyspace {
    /// The sets at `keys` (nil for a missing key); nil once WRONGTYPE is written.
    func setsAt(_ keys: ArraySlice<ByteBuffer>, _ s: ClientSession, _ out: inout ByteBuffer) -> [SetValue?]? {
        var sets: [SetValue?] = []
        sets.reserveCapacity(keys.count)
        for key in keys {
            switch setAt(s, KeyBytes(key), read: true) {
            case .wrongType:
                out.writeRESPError(Self.wrongType)
                return nil
            case .missing: sets.append(nil)
            case .found(_, let set): sets.append(set)
            }
        }
        return sets
    }

    /// Members of every set, in the order the smallest set lists them; empty when one is missing.
    func intersection(_ sets: [SetValue?], limit: Int = 0) -> [KeyBytes] {
        var present: [SetValue] = []
        for set in sets {
            guard let set else { return [] }
            present.append(set)
        }
        guard let smallest = present.enumerated().min(by: { $0.element.count < $1.element.count }) else { return [] }
        let others = present.enumerated().filter { $0.offset != smallest.offset && $0.element !== smallest.element }
        var result: [KeyBytes] = []
        for member in smallest.element.ordered where others.allSatisfy({ $0.element.contains(member) }) {
            result.append(member)
            if limit > 0 && result.count >= limit { break }
        }
        return result
    }

    func setAlgebra(union: Bool, _ sets: [SetValue?]) -> SetValue {
        let result = SetValue()
        if union {
            for set in sets { for member in set?.items ?? [] { result.insert(member) } }
            return result
        }
        guard let head = sets.first, let first = head else { return result }
        for member in first.items where !sets.dropFirst().contains(where: { $0?.contains(member) == true }) {
            result.insert(member)
        }
        return result
    }

    func sinter(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        guard let sets = setsAt(argv[1...], s, &out) else { return }
        let members = intersection(sets)
        out.writeRESPSetHeader(members.count, s.protocolVersion)
        for member in members { out.writeRESPBulk(member) }
    }

    func sunionOrDiff(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer, union: Bool) {
        guard let sets = setsAt(argv[1...], s, &out) else { return }
        let result = setAlgebra(union: union, sets)
        out.writeRESPSetHeader(result.count, s.protocolVersion)
        for member in result.ordered { out.writeRESPBulk(member) }
    }

    /// SINTERSTORE, SUNIONSTORE and SDIFFSTORE; `op` is "inter", "union" or "diff".
    func setStore(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer, op: String) {
        guard let sets = setsAt(argv[2...], s, &out) else { return }
        let result: SetValue
        if op == "inter" {
            result = SetValue()
            for member in intersection(sets) { result.insert(member) }
        } else {
            result = setAlgebra(union: op == "union", sets)
        }
        storeContainer(KeyBytes(argv[1]), result, count: result.count, s, &out)
    }

    /// Stores a computed container at `key` (replacing any value and TTL) and replies with its size;
    /// an empty result deletes the key instead.
    func storeContainer<T: ContainerValue>(
        _ key: KeyBytes, _ value: T, count: Int, _ s: ClientSession, _ out: inout ByteBuffer
    ) {
        if count > 0 {
            store(s.database, key, value.stored)
        } else {
            deleteKey(s.database, key)
        }
        out.writeRESPInteger(Int64(count))
    }

    func sintercard(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        guard let numkeys = parseRedisInteger(argv[1].readableBytesView), numkeys >= 1 else {
            out.writeRESPError("ERR numkeys should be greater than 0")
            return
        }
        guard numkeys <= Int64(argv.count - 2) else {
            out.writeRESPError("ERR Number of keys can't be greater than number of args")
            return
        }
        let keyEnd = 2 + Int(numkeys)
        var limit: Int64 = 0
        var j = keyEnd
        while j < argv.count {
            if argv[j].equalsIgnoringCase("limit") && j + 1 < argv.count {
                j += 1
                guard let value = parseRedisInteger(argv[j].readableBytesView), value >= 0 else {
                    out.writeRESPError("ERR LIMIT can't be negative")
                    return
                }
                limit = value
            } else {
                out.writeRESPError(Self.syntaxError)
                return
            }
            j += 1
        }
        guard let sets = setsAt(argv[2..<keyEnd], s, &out) else { return }
        out.writeRESPInteger(Int64(intersection(sets, limit: Int(clamping: limit)).count))
    }

    func smismember(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        var set: SetValue?
        switch setAt(s, KeyBytes(argv[1]), read: true) {
        case .wrongType: out.writeRESPError(Self.wrongType); return
        case .missing: set = nil
        case .found(_, let found): set = found
        }
        out.writeRESPArrayHeader(argv.count - 2)
        for member in argv.dropFirst(2) { out.writeRESPInteger(set?.contains(KeyBytes(member)) == true ? 1 : 0) }
    }

    func smove(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        let sourceKey = KeyBytes(argv[1])
        let destinationKey = KeyBytes(argv[2])
        let member = KeyBytes(argv[3])
        let source: SetValue
        let sourcePosition: Int
        switch setAt(s, sourceKey) {
        case .missing: out.writeRESPInteger(0); return
        case .wrongType: out.writeRESPError(Self.wrongType); return
        case .found(let position, let set): source = set; sourcePosition = position
        }
        var destination: SetValue?
        switch setAt(s, destinationKey) {
        case .missing: destination = nil
        case .wrongType: out.writeRESPError(Self.wrongType); return
        case .found(_, let set): destination = set
        }
        if destination === source {
            out.writeRESPInteger(source.contains(member) ? 1 : 0)
            return
        }
        let before = MemoryCost.of(databases[s.database].entry(at: sourcePosition))
        guard source.remove(member) else {
            out.writeRESPInteger(0)
            return
        }
        remeasure(s.database, sourcePosition, before: before)
        removeIfEmpty(s.database, sourcePosition, count: source.count)
        signalModified(s.database, sourceKey)
        guard case let (position, target)? = containerForWrite(s, destinationKey, as: SetValue.self, &out) else {
            return
        }
        let targetBefore = MemoryCost.of(databases[s.database].entry(at: position))
        if target.insert(member) {
            remeasure(s.database, position, before: targetBefore)
            signalModified(s.database, destinationKey)
        }
        out.writeRESPInteger(1)
    }

    func srandmember(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        if argv.count > 3 {
            out.writeRESPError(Self.syntaxError)
            return
        }
        guard argv.count == 3 else {
            switch setAt(s, KeyBytes(argv[1]), read: true) {
            case .wrongType: out.writeRESPError(Self.wrongType)
            case .missing: out.writeRESPNullBulk(s.protocolVersion)
            case .found(_, let set):
                if let member = set.randomMember(using: &random) { out.writeRESPBulk(member) }
            }
            return
        }
        guard let count = parseRedisInteger(argv[2].readableBytesView) else {
            out.writeRESPError(Self.notInteger)
            return
        }
        if count == Int64.min || count < -Self.maxRandomDraws {
            out.writeRESPError(
                "ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807")
            return
        }
        switch setAt(s, KeyBytes(argv[1]), read: true) {
        case .wrongType: out.writeRESPError(Self.wrongType)
        case .missing: out.writeRESPArrayHeader(0)
        case .found(_, let set):
            if count >= Int64(set.count) {
                let members = set.ordered
                out.writeRESPArrayHeader(members.count)
                for member in members { out.writeRESPBulk(member) }
                return
            }
            let picks = randomPicks(count, size: set.count)
            out.writeRESPArrayHeader(picks.count)
            for index in picks { out.writeRESPBulk(set.items[index]) }
        }
    }
}
