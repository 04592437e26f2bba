import NIOCore
import RESP

extension Keyspace {
    /// Finds a key of the expected kind: `.missing`, `.found`, or `.wrongType` (reply already written).
    enum Typed<T> {
        case missing
        case found(Int, T)
        case wrongType
    }

    /// The container of kind `T` at `key`.
    func containerAt<T: ContainerValue>(_ s: ClientSession, _ key: KeyBytes, read: Bool = false) -> Typed<T> {
        guard let position = lookup(s.database, key, read: read) else { return .missing }
        guard let container = T.held(in: databases[s.database].entry(at: position).value) else { return .wrongType }
        return .found(position, container)
    }

    /// The container of kind `T` at `key` for a write, stored empty when the key is missing;
    /// nil when the key holds another kind (WRONGTYPE already written).
    func containerForWrite<T: ContainerValue>(
        _ s: ClientSession, _ key: KeyBytes, as kind: T.Type, _ out: inout ByteBuffer
    ) -> (position: Int, container: T)? {
        switch containerAt(s, key) as Typed<T> {
        case .wrongType:
            out.writeRESPError(Self.wrongType)
            return nil
        case .found(let position, let container):
            return (position, container)
        case .missing:
            let container = T()
            return (store(s.database, key, container.stored, at: .some(nil)), container)
        }
    }

    func listAt(_ s: ClientSession, _ key: KeyBytes, read: Bool = false) -> Typed<ListValue> {
        containerAt(s, key, read: read)
    }

    func push(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer, front: Bool) {
        let key = KeyBytes(argv[1])
        guard case let (position, list)? = containerForWrite(s, key, as: ListValue.self, &out) else { return }
        let before = MemoryCost.of(databases[s.database].entry(at: position))
        for arg in argv.dropFirst(2) {
            if front { list.pushFront(KeyBytes(arg)) } else { list.pushBack(KeyBytes(arg)) }
        }
        remeasure(s.database, position, before: before)
        signalModified(s.database, key)
        notify(.list, front ? "lpush" : "rpush", key, s.database)
        out.writeRESPInteger(Int64(list.count))
    }

    func pop(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer, front: Bool) {
        let name = front ? "lpop" : "rpop"
        guard let count = optionalCount(argv, tooMany: "ERR wrong number of arguments for '\(name)' command", &out)
        else { return }
        let key = KeyBytes(argv[1])
        switch listAt(s, key) {
        case .wrongType: out.writeRESPError(Self.wrongType)
        case .missing:
            if count == nil {
                out.writeRESPNullBulk(s.protocolVersion)
            } else {
                out.writeRESPNullArray(s.protocolVersion)
            }
        case .found(let position, let list):
            let before = MemoryCost.of(databases[s.database].entry(at: position))
            if let count {
                let n = min(count, list.count)
                out.writeRESPArrayHeader(n)
                for _ in 0..<n {
                    if let item = front ? list.popFront() : list.popBack() { out.writeRESPBulk(item) }
                }
            } else if let item = front ? list.popFront() : list.popBack() {
                out.writeRESPBulk(item)
            }
            remeasure(s.database, position, before: before)
            let emptied = list.count == 0
            removeIfEmpty(s.database, position, count: list.count)
            signalModified(s.database, key)
            notifyPopped(.list, name, key, s.database, emptied: emptied)
        }
    }

    /// The optional count of LPOP/RPOP/SPOP/ZPOPMIN (`argv[2]`), a non-negative integer: `.some(nil)`
    /// when absent; nil once an error is written (`tooMany` when there are more arguments,
    /// "value is out of range, must be positive" when the count is not such an integer).
    func optionalCount(_ argv: [ByteBuffer], tooMany: @autoclosure () -> String, _ out: inout ByteBuffer) -> Int?? {
        if argv.count > 3 {
            out.writeRESPError(tooMany())
            return nil
        }
        guard argv.count == 3 else { return .some(nil) }
        guard let value = parseRedisInteger(argv[2].readableBytesView), value >= 0 else {
            out.writeRESPError("ERR value is out of range, must be positive")
            return nil
        }
        return Int(value)
    }

    func lrange(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        guard let start = parseRedisInteger(argv[2].readableBytesView),
            let stop = parseRedisInteger(argv[3].readableBytesView)
        else {
            out.writeRESPError(Self.notInteger)
            return
        }
        switch listAt(s, KeyBytes(argv[1]), read: true) {
        case .wrongType: out.writeRESPError(Self.wrongType)
        case .missing: out.writeRESPArrayHeader(0)
        case .found(_, let list):
            guard let range = clampRange(start, stop, count: list.count) else {
                out.writeRESPArrayHeader(0)
                return
            }
            out.writeRESPArrayHeader(range.count)
            for i in range { out.writeRESPBulk(list[i]) }
        }
    }

    /// Redis's index normalisation for LRANGE/ZRANGE: negatives count from the end; nil when empty.
    func clampRange(_ start: Int64, _ stop: Int64, count: Int) -> Range<Int>? {
        let n = Int64(count)
        var low = start < 0 ? n + start : start
        var high = stop < 0 ? n + stop : stop
        if low < 0 { low = 0 }
        if low > high || low >= n { return nil }
        if high >= n { high = n - 1 }
        return Int(low)..<Int(high + 1)
    }
}
