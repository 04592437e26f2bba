import NIOCore
import RESP

/// SETRANGE, GETRANGE (and SUBSTR), GETSET and MSETNX, as Redis 7.0's t_string.c answers them.
extension Keyspace {
    func setrange(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        guard let offset = parseRedisInteger(argv[2].readableBytesView) else {
            out.writeRESPError(Self.notInteger)
            return
        }
        guard offset >= 0 else {
            out.writeRESPError("ERR offset is out of range")
            return
        }
        let key = KeyBytes(argv[1])
        let value = argv[3].readableBytesView
        let position = lookup(s.database, key)
        var bytes: [UInt8] = []
        if let position {
            guard let current = stringValue(s.database, position, &out) else { return }
            if value.isEmpty {
                out.writeRESPInteger(Int64(current.count))
                return
            }
            bytes = current.bytes
        } else if value.isEmpty {
            out.writeRESPInteger(0)
            return
        }
        guard fitsStringLimit(Int(offset), adding: value.count, &out) else { return }
        let start = Int(offset)
        let end = start + value.count
        if bytes.count < end { bytes.append(contentsOf: repeatElement(0, count: end - bytes.count)) }
        bytes.replaceSubrange(start..<end, with: value)
        storeString(s.database, key, bytes, at: position)
        out.writeRESPInteger(Int64(bytes.count))
    }

    func getrange(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        guard var start = parseRedisInteger(argv[2].readableBytesView),
            var end = parseRedisInteger(argv[3].readableBytesView)
        else {
            out.writeRESPError(Self.notInteger)
            return
        }
        guard let position = lookup(s.database, KeyBytes(argv[1]), read: true) else {
            out.writeRESPBulk("")
            return
        }
        guard let value = stringValue(s.database, position, &out) else { return }
        if start < 0 && end < 0 && start > end {
            out.writeRESPBulk("")
            return
        }
        let total = Int64(value.count)
        (start, end) = clampRange(start, end, total)
        if start > end || total == 0 {
            out.writeRESPBulk("")
            return
        }
        value.withUnsafeBytes { raw in
            out.writeRESPBulk(raw: UnsafeRawBufferPointer(rebasing: raw[Int(start)...Int(end)]))
        }
    }

    func getset(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        let key = KeyBytes(argv[1])
        let position = lookup(s.database, key, read: true)
        if let position {
            guard let old = stringValue(s.database, position, &out) else { return }
            out.writeRESPBulk(old)
        } else {
            out.writeRESPNullBulk(s.protocolVersion)
        }
        store(s.database, key, .string(KeyBytes(argv[2])), at: .some(position))
    }

    func msetnx(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        guard argv.count % 2 == 1 else {
            out.writeRESPError("ERR wrong number of arguments for 'msetnx' command")
            return
        }
        var i = 1
        while i < argv.count {
            if lookup(s.database, KeyBytes(argv[i])) != nil {
                out.writeRESPInteger(0)
                return
            }
            i += 2
        }
        i = 1
        while i < argv.count {
            store(s.database, KeyBytes(argv[i]), .string(KeyBytes(argv[i + 1])))
            i += 2
        }
        out.writeRESPInteger(1)
    }
}
