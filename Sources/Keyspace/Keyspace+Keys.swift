import NIOCore
import RESP

extension Keyspace {
    func del(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        var deleted: Int64 = 0
        for arg in argv.dropFirst() where deleteKey(s.database, KeyBytes(arg)) {
            deleted += 1
            notify(.generic, "del", KeyBytes(arg), s.database)
        }
        out.writeRESPInteger(deleted)
    }

    func exists(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        var found: Int64 = 0
        for arg in argv.dropFirst() where lookup(s.database, KeyBytes(arg), read: true) != nil { found += 1 }
        out.writeRESPInteger(found)
    }

    func type(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        guard let position = lookup(s.database, KeyBytes(argv[1]), read: true) else {
            out.writeRESPSimpleString("none")
            return
        }
        out.writeRESPSimpleString(databases[s.database].entry(at: position).value.typeName)
    }

    func expire(
        _ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer,
        unitMilliseconds: Bool, absolute: Bool, name: String
    ) {
        var nx = false, xx = false, gt = false, lt = false
        for option in argv.dropFirst(3) {
            if option.equalsIgnoringCase("nx") {
                nx = true
            } else if option.equalsIgnoringCase("xx") {
                xx = true
            } else if option.equalsIgnoringCase("gt") {
                gt = true
            } else if option.equalsIgnoringCase("lt") {
                lt = true
            } else {
                out.writeRESPError(sanitize("ERR Unsupported option \(option.text)"))
                return
            }
        }
        if nx && (xx || gt || lt) {
            out.writeRESPError("ERR NX and XX, GT or LT options at the same time are not compatible")
            return
        }
        if gt && lt {
            out.writeRESPError("ERR GT and LT options at the same time are not compatible")
            return
        }
        guard var when = parseRedisInteger(argv[2].readableBytesView) else {
            out.writeRESPError(Self.notInteger)
            return
        }
        let invalid = "ERR invalid expire time in '\(name)' command"
        if !unitMilliseconds {
            if when > Int64.max / 1000 || when < Int64.min / 1000 {
                out.writeRESPError(invalid)
                return
            }
            when *= 1000
        }
        if !absolute {
            if when > 0 && now > Int64.max - when {
                out.writeRESPError(invalid)
                return
            }
            when += now
        }
        let key = KeyBytes(argv[1])
        guard let position = lookup(s.database, key) else {
            out.writeRESPInteger(0)
            return
        }
        let db = databases[s.database]
        let current = db.entry(at: position).expireAt
        if (nx && current != 0) || (xx && current == 0)
            || (gt && (current == 0 || when <= current)) || (lt && current != 0 && when >= current)
        {
            out.writeRESPInteger(0)
            return
        }
        if when <= now {
            remove(s.database, position)
        } else {
            db.setExpire(at: position, when)
        }
        signalModified(s.database, key)
        notify(.generic, when <= now ? "del" : "expire", key, s.database)
        out.writeRESPInteger(1)
    }

    func ttl(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer, milliseconds: Bool) {
        guard let position = lookup(s.database, KeyBytes(argv[1]), read: true) else {
            out.writeRESPInteger(-2)
            return
        }
        let expireAt = databases[s.database].entry(at: position).expireAt
        guard expireAt != 0 else {
            out.writeRESPInteger(-1)
            return
        }
        let remaining = max(0, expireAt - now)
        out.writeRESPInteger(milliseconds ? remaining : (remaining + 500) / 1000)
    }

    func persist(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        let key = KeyBytes(argv[1])
        guard let position = lookup(s.database, key), databases[s.database].entry(at: position).expireAt != 0 else {
            out.writeRESPInteger(0)
            return
        }
        databases[s.database].setExpire(at: position, 0)
        signalModified(s.database, key)
        out.writeRESPInteger(1)
    }

    func keys(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        let matchAll =
            argv[1].readableBytes == 1
            && argv[1].getInteger(at: argv[1].readerIndex, as: UInt8.self) == UInt8(ascii: "*")
        let pattern = GlobPattern(argv[1].bytes)
        let db = databases[s.database]
        var found: [[UInt8]] = []
        for position in 0..<db.count {
            let entry = db.entry(at: position)
            if entry.expireAt != 0 && entry.expireAt <= now { continue }
            if matchAll || pattern.matches(entry.key) { found.append(entry.key.bytes) }
        }
        out.writeRESPArrayHeader(found.count)
        for key in found { out.writeRESPBulk(key) }
    }

    func rename(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        let source = KeyBytes(argv[1])
        let target = KeyBytes(argv[2])
        guard let position = lookup(s.database, source) else {
            out.writeRESPError("ERR no such key")
            return
        }
        if source == target {
            out.writeRESPSimpleString("OK")
            return
        }
        let entry = databases[s.database].entry(at: position)
        remove(s.database, position)
        signalModified(s.database, source)
        store(s.database, target, entry.value, expireAt: entry.expireAt)
        out.writeRESPSimpleString("OK")
    }

    func flush(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer, all: Bool) {
        if argv.count > 2
            || (argv.count == 2 && !argv[1].equalsIgnoringCase("sync") && !argv[1].equalsIgnoringCase("async"))
        {
            out.writeRESPError(Self.syntaxError)
            return
        }
        signalFlushed(all ? nil : s.database)
        search.removeAll()  // RediSearch drops every index when any database is flushed.
        for index in databases.indices where all || index == s.database {
            let db = databases[index]
            for position in 0..<db.count { usedMemory -= MemoryCost.of(db.entry(at: position)) }
            usedMemory -= db.tableBytes
            db.removeAll()
            usedMemory += db.tableBytes
        }
        out.writeRESPSimpleString("OK")
    }

    func select(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        guard let index = parseRedisInteger(argv[1].readableBytesView) else {
            out.writeRESPError(Self.notInteger)
            return
        }
        guard index >= Int32.min, index <= Int32.max else {
            out.writeRESPError("ERR value is out of range, value must between -2147483648 and 2147483647")
            return
        }
        guard index >= 0 && index < databases.count else {
            out.writeRESPError("ERR DB index is out of range")
            return
        }
        s.database = Int(index)
        out.writeRESPSimpleString("OK")
    }
}
