import NIOCore
import RESP

/// COMMAND GETKEYS: which arguments of a command are key names, by Redis 7.0's key specs
/// (first, last, step) and SORT's own rule (the sorted key, then the last STORE target).
extension Keyspace {
    enum KeyRule {
        case range(first: Int, last: Int, step: Int)
        case sort
        case none
    }

    static func keyRule(_ spec: CommandSpec) -> KeyRule {
        switch spec.id {
        case .mget, .del, .unlink, .exists, .touch, .watch: return .range(first: 1, last: -1, step: 1)
        case .mset, .msetnx: return .range(first: 1, last: -1, step: 2)
        case .rename, .renamenx, .copy, .lcs: return .range(first: 1, last: 2, step: 1)
        case .bitop: return .range(first: 2, last: -1, step: 1)
        case .object: return .range(first: 2, last: 2, step: 1)
        case .sort: return .sort
        case .sort_ro: return .range(first: 1, last: 1, step: 1)
        case .keys, .scan, .randomkey, .dbsize, .flushdb, .flushall, .select, .debug, .swapdb: return .none
        default:
            let hasKey = spec.flags.contains(.read) || spec.flags.contains(.write)
            return hasKey ? .range(first: 1, last: 1, step: 1) : .none
        }
    }

    func commandGetKeys(_ argv: [ByteBuffer], _ out: inout ByteBuffer) {
        let args = Array(argv.dropFirst(2))
        guard let name = args.first, let spec = CommandTable.lookup(name) else {
            out.writeRESPError("ERR Invalid command specified")
            return
        }
        let rule = Self.keyRule(spec)
        if case .none = rule {
            out.writeRESPError("ERR The command has no key arguments")
            return
        }
        guard spec.acceptsArgumentCount(args.count) else {
            out.writeRESPError("ERR Invalid number of arguments specified for command")
            return
        }
        var positions: [Int] = []
        switch rule {
        case .range(let first, let last, let step):
            let end = last < 0 ? args.count + last : last
            var i = first
            while i <= end && i < args.count {
                positions.append(i)
                i += step
            }
        case .sort:
            positions = [1]
            var store: Int?
            var i = 2
            while i < args.count {
                if args[i].equalsIgnoringCase("limit") {
                    i += 2
                } else if args[i].equalsIgnoringCase("get") || args[i].equalsIgnoringCase("by") {
                    i += 1
                } else if args[i].equalsIgnoringCase("store") && i + 1 < args.count {
                    store = i + 1
                }
                i += 1
            }
            if let store { positions.append(store) }
        case .none:
            break
        }
        guard !positions.isEmpty else {
            out.writeRESPError("ERR Invalid arguments specified for command")
            return
        }
        out.writeRESPArrayHeader(positions.count)
        for position in positions { out.writeRESPBulk(args[position].readableBytesView) }
    }
}
