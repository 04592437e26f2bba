import NIOCore
import RESP

extension Keyspace {
    /// LEFT/RIGHT of LMOVE and BLMOVE: true for LEFT; nil (syntax error written) otherwise.
    func listEnd(_ arg: ByteBuffer, _ out: inout ByteBuffer) -> Bool? {
        if arg.equalsIgnoringCase("left") { return true }
        if arg.equalsIgnoringCase("right") { return false }
        out.writeRESPError(Self.syntaxError)
        return nil
    }

    func lmove(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        guard let fromFront = listEnd(argv[3], &out), let toFront = listEnd(argv[4], &out) else { return }
        moveListItem(s, KeyBytes(argv[1]), KeyBytes(argv[2]), fromFront: fromFront, toFront: toFront, &out)
    }

    /// LMOVE/RPOPLPUSH: pops one item from `source` and pushes it onto `destination`, replying with
    /// it; a null bulk when `source` is missing. Both keys are type-checked before anything moves.
    func moveListItem(
        _ s: ClientSession, _ source: KeyBytes, _ destination: KeyBytes, fromFront: Bool, toFront: Bool,
        _ out: inout ByteBuffer
    ) {
        guard case .found(let position, let list) = listAt(s, source) else {
            if case .wrongType = listAt(s, source) {
                out.writeRESPError(Self.wrongType)
            } else {
                out.writeRESPNullBulk(s.protocolVersion)
            }
            return
        }
        if case .wrongType = listAt(s, destination) {
            out.writeRESPError(Self.wrongType)
            return
        }
        let before = MemoryCost.of(databases[s.database].entry(at: position))
        guard let item = fromFront ? list.popFront() : list.popBack() else {
            out.writeRESPNullBulk(s.protocolVersion)
            return
        }
        remeasure(s.database, position, before: before)
        guard case let (target, targetList)? = containerForWrite(s, destination, as: ListValue.self, &out) else {
            return
        }
        let targetBefore = MemoryCost.of(databases[s.database].entry(at: target))
        if toFront { targetList.pushFront(item) } else { targetList.pushBack(item) }
        remeasure(s.database, target, before: targetBefore)
        signalModified(s.database, destination)
        notify(.list, toFront ? "lpush" : "rpush", destination, s.database)
        let emptied = list.count == 0
        if emptied {
            deleteKey(s.database, source)
        } else {
            signalModified(s.database, source)
        }
        notifyPopped(.list, fromFront ? "lpop" : "rpop", source, s.database, emptied: emptied)
        out.writeRESPBulk(item)
    }

    /// Pops up to `count` items (one when nil) from the list at `position` and writes the reply of
    /// BLPOP (`[key, value]`, `count` nil) or of LMPOP/BLMPOP (`[key, [values…]]`).
    func popListReply(
        _ s: ClientSession, _ key: KeyBytes, _ position: Int, _ list: ListValue, front: Bool, count: Int?,
        _ out: inout ByteBuffer
    ) {
        let before = MemoryCost.of(databases[s.database].entry(at: position))
        out.writeRESPArrayHeader(2)
        out.writeRESPBulk(key)
        let n = min(count ?? 1, list.count)
        if count != nil { out.writeRESPArrayHeader(n) }
        for _ in 0..<n {
            if let item = front ? list.popFront() : list.popBack() { out.writeRESPBulk(item) }
        }
        remeasure(s.database, position, before: before)
        let emptied = list.count == 0
        removeIfEmpty(s.database, position, count: list.count)
        signalModified(s.database, key)
        notifyPopped(.list, front ? "lpop" : "rpop", key, s.database, emptied: emptied)
    }

    /// Pops from the sorted set at `position` and writes the reply of BZPOPMIN/BZPOPMAX
    /// (`[key, member, score]`, `count` nil) or of ZMPOP/BZMPOP (`[key, [[member, score]…]]`).
    func popZSetReply(
        _ s: ClientSession, _ key: KeyBytes, _ position: Int, _ zset: SortedSetValue, max: Bool, count: Int?,
        _ out: inout ByteBuffer
    ) {
        let before = MemoryCost.of(databases[s.database].entry(at: position))
        let items = max ? zset.popMaxItems(count ?? 1) : zset.popMin(count ?? 1)
        remeasure(s.database, position, before: before)
        let emptied = zset.count == 0
        removeIfEmpty(s.database, position, count: zset.count)
        signalModified(s.database, key)
        notifyPopped(.zset, max ? "zpopmax" : "zpopmin", key, s.database, emptied: emptied)
        if count == nil {
            out.writeRESPArrayHeader(1 + items.count * 2)
            out.writeRESPBulk(key)
        } else {
            out.writeRESPArrayHeader(2)
            out.writeRESPBulk(key)
            out.writeRESPArrayHeader(items.count)
        }
        for item in items {
            if count != nil { out.writeRESPArrayHeader(2) }
            out.writeRESPBulk(item.member)
            writeScore(item.score, s, &out)
        }
    }
}

extension SortedSetValue {
    /// Removes and returns the `n` highest-scored items, highest first.
    func popMaxItems(_ n: Int) -> [Item] {
        let taken = Array(items.suffix(max(0, n)).reversed())
        for item in taken { remove(KeyBytes(item.member)) }
        return taken
    }
}
