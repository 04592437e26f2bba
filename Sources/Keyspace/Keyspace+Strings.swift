import NIOCore
import RESP

extension Keyspace {
    /// The string stored at `position`, or nil with WRONGTYPE written to `out` when the key holds another kind.
    func stringValue(_ dbIndex: Int, _ position: Int, _ out: inout ByteBuffer) -> KeyBytes? {
        guard case .string(let bytes) = databases[dbIndex].entry(at: position).value else {
            out.writeRESPError(Self.wrongType)
            return nil
        }
        return bytes
    }

    func get(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        guard let position = lookup(s.database, KeyBytes(argv[1]), read: true) else {
            out.writeRESPNullBulk(s.protocolVersion)
            return
        }
        guard let bytes = stringValue(s.database, position, &out) else { return }
        out.writeRESPBulk(bytes)
    }

    func set(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        if argv.count == 3 {
            store(s.database, KeyBytes(argv[1]), .string(KeyBytes(argv[2])))
            notify(.string, "set", KeyBytes(argv[1]), s.database)
            out.writeRESPSimpleString("OK")
            return
        }
        let options: StringOptions
        switch parseStringOptions(argv, from: 3, forSet: true, name: "set") {
        case .failure(let message): out.writeRESPError(message); return
        case .success(let parsed): options = parsed
        }
        let key = KeyBytes(argv[1])
        if options.get {
            if let position = lookup(s.database, key, read: true) {
                guard let old = stringValue(s.database, position, &out) else { return }
                out.writeRESPBulk(old)
            } else {
                out.writeRESPNullBulk(s.protocolVersion)
            }
        }
        let position = lookup(s.database, key)
        if (options.nx && position != nil) || (options.xx && position == nil) {
            if !options.get { out.writeRESPNullBulk(s.protocolVersion) }
            return
        }
        let expireAt: Int64? = options.keepTTL ? nil : (options.expireAt ?? 0)
        store(s.database, key, .string(KeyBytes(argv[2])), expireAt: expireAt, at: position)
        notify(.string, "set", key, s.database)
        if options.expireAt != nil { notify(.generic, "expire", key, s.database) }
        if !options.get { out.writeRESPSimpleString("OK") }
    }

    func setex(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer, milliseconds: Bool) {
        switch expireTime(argv[2], milliseconds: milliseconds, absolute: false, name: milliseconds ? "psetex" : "setex")
        {
        case .failure(let message): out.writeRESPError(message)
        case .success(let at):
            store(s.database, KeyBytes(argv[1]), .string(KeyBytes(argv[3])), expireAt: at)
            notify(.string, "set", KeyBytes(argv[1]), s.database)
            notify(.generic, "expire", KeyBytes(argv[1]), s.database)
            out.writeRESPSimpleString("OK")
        }
    }

    func setnx(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        let key = KeyBytes(argv[1])
        if lookup(s.database, key) != nil {
            out.writeRESPInteger(0)
        } else {
            store(s.database, key, .string(KeyBytes(argv[2])))
            notify(.string, "set", key, s.database)
            out.writeRESPInteger(1)
        }
    }

    func getdel(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        let key = KeyBytes(argv[1])
        guard let position = lookup(s.database, key, read: true) else {
            out.writeRESPNullBulk(s.protocolVersion)
            return
        }
        guard let bytes = stringValue(s.database, position, &out) else { return }
        out.writeRESPBulk(bytes)
        remove(s.database, position)
        signalModified(s.database, key)
    }

    func getex(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        let options: StringOptions
        switch parseStringOptions(argv, from: 2, forSet: false, name: "getex", validateTime: false) {
        case .failure(let message): out.writeRESPError(message); return
        case .success(let parsed): options = parsed
        }
        let key = KeyBytes(argv[1])
        guard let position = lookup(s.database, key, read: true) else {
            out.writeRESPNullBulk(s.protocolVersion)
            return
        }
        guard let bytes = stringValue(s.database, position, &out) else { return }
        var expireAt: Int64?
        if let pending = options.pendingExpire {
            switch expireTime(
                pending.argument, milliseconds: pending.milliseconds, absolute: pending.absolute, name: "getex")
            {
            case .failure(let message): out.writeRESPError(message); return
            case .success(let at): expireAt = at
            }
        }
        out.writeRESPBulk(bytes)
        if let at = expireAt {
            if at <= now {
                remove(s.database, position)
            } else {
                databases[s.database].setExpire(at: position, at)
            }
            signalModified(s.database, key)
        } else if options.persist && databases[s.database].entry(at: position).expireAt != 0 {
            databases[s.database].setExpire(at: position, 0)
            signalModified(s.database, key)
        }
    }

    func mget(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        out.writeRESPArrayHeader(argv.count - 1)
        for arg in argv.dropFirst() {
            if let position = lookup(s.database, KeyBytes(arg), read: true),
                case .string(let bytes) = databases[s.database].entry(at: position).value
            {
                out.writeRESPBulk(bytes)
            } else {
                out.writeRESPNullBulk(s.protocolVersion)
            }
        }
    }

    func mset(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        guard argv.count % 2 == 1 else {
            out.writeRESPError("ERR wrong number of arguments for 'mset' command")
            return
        }
        var i = 1
        while i < argv.count {
            store(s.database, KeyBytes(argv[i]), .string(KeyBytes(argv[i + 1])))
            i += 2
        }
        out.writeRESPSimpleString("OK")
    }

    func append(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        let key = KeyBytes(argv[1])
        guard let position = lookup(s.database, key) else {
            store(s.database, key, .string(KeyBytes(argv[2])))
            out.writeRESPInteger(Int64(argv[2].readableBytes))
            return
        }
        guard let current = stringValue(s.database, position, &out) else { return }
        guard fitsStringLimit(current.count, adding: argv[2].readableBytes, &out) else { return }
        let length = mutate(s.database, position) { entry -> Int in
            guard case .string(let stored) = entry.value else { return 0 }
            var bytes = stored.bytes
            entry.value = .string(KeyBytes([]))
            bytes.append(contentsOf: argv[2].readableBytesView)
            entry.value = .string(KeyBytes(bytes))
            return bytes.count
        }
        signalModified(s.database, key)
        out.writeRESPInteger(Int64(length))
    }

    /// Redis's `checkStringLength`: whether a string of `size` bytes may grow by `added` bytes without going
    /// over `proto-max-bulk-len`; when not, writes Redis's error. Every command that grows a string asks first.
    func fitsStringLimit(_ size: Int, adding added: Int, _ out: inout ByteBuffer) -> Bool {
        let (total, overflow) = size.addingReportingOverflow(added)
        if overflow || total > configuration.protoMaxBulkLength {
            out.writeRESPError("ERR string exceeds maximum allowed size (proto-max-bulk-len)")
            return false
        }
        return true
    }

    func strlen(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        guard let position = lookup(s.database, KeyBytes(argv[1]), read: true) else {
            out.writeRESPInteger(0)
            return
        }
        guard let bytes = stringValue(s.database, position, &out) else { return }
        out.writeRESPInteger(Int64(bytes.count))
    }

    func incrBy(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer, fixed: Int64?, negate: Bool = false)
    {
        var increment: Int64
        if let fixed {
            increment = fixed
        } else {
            guard let parsed = parseRedisInteger(argv[2].readableBytesView) else {
                out.writeRESPError(Self.notInteger)
                return
            }
            if negate && parsed == Int64.min {
                out.writeRESPError("ERR decrement would overflow")
                return
            }
            increment = negate ? -parsed : parsed
        }
        let key = KeyBytes(argv[1])
        var current: Int64 = 0
        let position = lookup(s.database, key)
        if let position {
            guard let bytes = stringValue(s.database, position, &out) else { return }
            guard let value = parseRedisInteger(bytes) else {
                out.writeRESPError(Self.notInteger)
                return
            }
            current = value
        }
        let (result, overflow) = current.addingReportingOverflow(increment)
        if overflow {
            out.writeRESPError("ERR increment or decrement would overflow")
            return
        }
        let encoded = KeyBytes(decimal: result)
        if let position {
            mutate(s.database, position) { $0.value = .string(encoded) }
            signalModified(s.database, key)
        } else {
            store(s.database, key, .string(encoded), at: .some(nil))
        }
        out.writeRESPInteger(result)
    }

    func incrByFloat(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        let key = KeyBytes(argv[1])
        var current: Float80 = 0
        let position = lookup(s.database, key)
        if let position {
            guard let bytes = stringValue(s.database, position, &out) else { return }
            guard let value = parseRedisLongDouble(bytes.bytes) else {
                out.writeRESPError("ERR value is not a valid float")
                return
            }
            current = value
        }
        guard let increment = parseRedisLongDouble(argv[2].bytes) else {
            out.writeRESPError("ERR value is not a valid float")
            return
        }
        let result = current + increment
        if result.isNaN || result.isInfinite {
            out.writeRESPError("ERR increment would produce NaN or Infinity")
            return
        }
        let encoded = Array(formatRedisLongDouble(result).utf8)
        if let position {
            mutate(s.database, position) { $0.value = .string(KeyBytes(encoded)) }
            signalModified(s.database, key)
        } else {
            store(s.database, key, .string(KeyBytes(encoded)))
        }
        out.writeRESPBulk(encoded)
    }
}
