import NIOCore
import RESP

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The DEBUG subcommands Redis's test suite uses that make sense for an in-memory store.
/// RELOAD and LOADAOF answer OK and keep the data, as reloading a faithful snapshot would.
extension Keyspace {
    func debug(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        let sub = argv[1]
        let count = argv.count
        if sub.equalsIgnoringCase("help") && count == 2 {
            debugHelp(&out)
        } else if (sub.equalsIgnoringCase("reload") || sub.equalsIgnoringCase("loadaof")
            || sub.equalsIgnoringCase("jmap") || sub.equalsIgnoringCase("change-repl-id"))
        {
            out.writeRESPSimpleString("OK")
        } else if sub.equalsIgnoringCase("set-disable-deny-scripts") && count == 3 {
            introspection.disableDenyScripts = atoiPrefix(argv[2].bytes) != 0
            out.writeRESPSimpleString("OK")
        } else if (sub.equalsIgnoringCase("pause-cron") || sub.equalsIgnoringCase("set-skip-checksum-validation")
            || sub.equalsIgnoringCase("aof-flush-sleep")) && count == 3
        {
            out.writeRESPSimpleString("OK")
        } else if sub.equalsIgnoringCase("set-active-expire") && count == 3 {
            introspection.activeExpire = atoiPrefix(argv[2].bytes) != 0
            out.writeRESPSimpleString("OK")
        } else if sub.equalsIgnoringCase("sleep") && count == 3 {
            let seconds = parseRedisDouble(argv[2].bytes, lenient: true) ?? 0
            if seconds > 0 && seconds.isFinite { usleep(UInt32(min(seconds * 1_000_000, 4_000_000_000))) }
            out.writeRESPSimpleString("OK")
        } else if sub.equalsIgnoringCase("quicklist-packed-threshold") && count == 3 {
            guard let size = parseMemoryValue(argv[2].text), size <= (1 << 32) - (1 << 20) else {
                out.writeRESPError("ERR argument must be a memory value bigger than 1 and smaller than 4gb")
                return
            }
            out.writeRESPSimpleString("OK")
        } else if sub.equalsIgnoringCase("object") && count == 3 {
            debugObject(argv, s, &out)
        } else if sub.equalsIgnoringCase("protocol") && count == 3 {
            debugProtocol(argv[2], s, &out)
        } else if sub.equalsIgnoringCase("digest") && count == 2 {
            var digest = [UInt8](repeating: 0, count: 20)
            let db = databases
            for (index, database) in db.enumerated() {
                for position in 0..<database.count {
                    let entry = database.entry(at: position)
                    if entry.expireAt != 0 && entry.expireAt <= now { continue }
                    xorDigest(&digest, entry, database: index)
                }
            }
            out.writeRESPSimpleString(hex(digest))
        } else if sub.equalsIgnoringCase("digest-value") {
            out.writeRESPArrayHeader(count - 2)
            for arg in argv.dropFirst(2) {
                var digest = [UInt8](repeating: 0, count: 20)
                let db = databases[s.database]
                if let position = db.position(of: KeyBytes(arg)) {
                    xorDigest(&digest, db.entry(at: position), database: nil)
                }
                out.writeRESPSimpleString(hex(digest))
            }
        } else {
            out.writeRESPError(
                sanitize(
                    "ERR unknown subcommand or wrong number of arguments for '\(prefix(sub.text, 128))'. "
                        + "Try DEBUG HELP."))
        }
    }

    private func debugHelp(_ out: inout ByteBuffer) {
        let help = [
            "DEBUG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
            "CHANGE-REPL-ID", "    Change the replication IDs of the instance.",
            "DIGEST", "    Output a hex signature representing the current DB content.",
            "DIGEST-VALUE <key> [<key> ...]", "    Output a hex signature of the values of all the specified keys.",
            "JMAP", "    Create a memory map of the current process.",
            "LOADAOF", "    Flush the AOF buffers on disk and reload the AOF in memory.",
            "OBJECT <key>", "    Show low level info about the `key` and associated value.",
            "PROTOCOL <type>", "    Reply with a test value of the specified type. <type> can be: string,",
            "    integer, double, bignum, null, array, set, map, attrib, push, verbatim,", "    true, false.",
            "QUICKLIST-PACKED-THRESHOLD <size>",
            "    Sets the threshold for elements to be inserted as plain vs packed nodes",
            "    Default value is 1GB, allows values up to 4GB. Setting to 0 restores to default.",
            "RELOAD [option ...]", "    Save the RDB on disk and reload it back to memory. Valid <option> values:",
            "SET-ACTIVE-EXPIRE <0|1>",
            "    Setting it to 0 disables expiring keys in background when they are not",
            "    accessed (otherwise the Redis behavior). Setting it to 1 reenables back the",
            "    default.",
            "SLEEP <seconds>", "    Stop the server for <seconds>. Decimals allowed.",
            "HELP", "    Print this help.",
        ]
        out.writeRESPArrayHeader(help.count)
        for line in help { out.writeRESPSimpleString(line) }
    }

    /// C's `atoi`: optional spaces and sign, then digits up to the first non-digit.
    private func atoiPrefix(_ bytes: [UInt8]) -> Int64 {
        var i = 0
        while i < bytes.count && (bytes[i] == 32 || (bytes[i] >= 9 && bytes[i] <= 13)) { i += 1 }
        var negative = false
        if i < bytes.count && (bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+")) {
            negative = bytes[i] == UInt8(ascii: "-")
            i += 1
        }
        var value: Int64 = 0
        while i < bytes.count, bytes[i] >= 48, bytes[i] <= 57, value < Int64(Int32.max) {
            value = value * 10 + Int64(bytes[i] - 48)
            i += 1
        }
        return negative ? -value : value
    }

    private func debugObject(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        let key = KeyBytes(argv[2])
        let db = databases[s.database]
        guard let position = db.position(of: key) else {
            out.writeRESPError("ERR no such key")
            return
        }
        let entry = db.entry(at: position)
        let encoding = encodingName(entry.value)
        // A stable pseudo address per key, so repeated in-place updates report the same one, as Redis's do.
        let address = "0x7f" + String(UInt64(entry.hash) << 4 | 0x8, radix: 16)
        var line =
            "Value at:\(address) refcount:\(refcount(entry.value)) encoding:\(encoding) "
            + "serializedlength:\(serializedLength(entry.value)) lru:\(entry.access & 0xFF_FFFF) "
            + "lru_seconds_idle:\(configuration.policy.usesLFU ? 0 : idleSeconds(entry.access))"
        if case .list(let list) = entry.value {
            let fill = introspection.thresholds.listMaxListpackSize
            let perNode = fill > 0 ? Int(fill) : 128
            let nodes = max(1, (list.count + perNode - 1) / perNode)
            let average = cFormat("%.2f", Double(list.count) / Double(nodes))
            line +=
                " ql_nodes:\(nodes) ql_avg_node:\(average) ql_listpack_max:\(fill)"
                + " ql_compressed:\(introspection.thresholds.listCompressDepth != 0 ? 1 : 0)"
                + " ql_uncompressed_size:\(list.byteCount + list.count * 2 + nodes * 7)"
        }
        out.writeRESPSimpleString(line)
    }

    private func serializedLength(_ value: StoredValue) -> Int {
        switch value {
        case .string(let bytes): return parseRedisInteger(bytes) != nil && bytes.count <= 11 ? 5 : bytes.count + 1
        case .list(let list): return list.byteCount + list.count + 11
        case .hash(let hash): return hash.byteCount + hash.count * 2 + 11
        case .set(let set): return set.byteCount + set.count + 11
        case .zset(let zset): return zset.byteCount + zset.count * 10 + 11
        }
    }

    private func debugProtocol(_ type: ByteBuffer, _ s: ClientSession, _ out: inout ByteBuffer) {
        let v3 = s.protocolVersion == .v3
        if type.equalsIgnoringCase("string") {
            out.writeRESPBulk("Hello World")
        } else if type.equalsIgnoringCase("integer") {
            out.writeRESPInteger(12345)
        } else if type.equalsIgnoringCase("double") {
            out.writeRESPDouble(formatted: formatRedisDouble(3.141), s.protocolVersion)
        } else if type.equalsIgnoringCase("bignum") {
            if v3 {
                out.writeString("(1234567999999999999999999999999999999\r\n")
            } else {
                out.writeRESPBulk("1234567999999999999999999999999999999")
            }
        } else if type.equalsIgnoringCase("null") {
            out.writeRESPNullBulk(s.protocolVersion)
        } else if type.equalsIgnoringCase("array") || type.equalsIgnoringCase("set") {
            if type.equalsIgnoringCase("set") {
                out.writeRESPSetHeader(3, s.protocolVersion)
            } else {
                out.writeRESPArrayHeader(3)
            }
            for j in 0..<3 { out.writeRESPInteger(Int64(j)) }
        } else if type.equalsIgnoringCase("map") {
            out.writeRESPMapHeader(3, s.protocolVersion)
            for j in 0..<3 {
                out.writeRESPInteger(Int64(j))
                out.writeRESPBoolean(j == 1, s.protocolVersion)
            }
        } else if type.equalsIgnoringCase("attrib") {
            if v3 {
                out.writeString("|1\r\n")
                out.writeRESPBulk("key-popularity")
                out.writeRESPArrayHeader(2)
                out.writeRESPBulk("key:123")
                out.writeRESPInteger(90)
            }
            out.writeRESPBulk("Some real reply following the attribute")
        } else if type.equalsIgnoringCase("push") {
            guard v3 else {
                out.writeRESPError("ERR RESP2 is not supported by this command")
                return
            }
            out.writeString(">2\r\n")
            out.writeRESPBulk("server-cpu-usage")
            out.writeRESPInteger(42)
            out.writeRESPBulk("Some real reply following the push reply")
        } else if type.equalsIgnoringCase("true") || type.equalsIgnoringCase("false") {
            out.writeRESPBoolean(type.equalsIgnoringCase("true"), s.protocolVersion)
        } else if type.equalsIgnoringCase("verbatim") {
            out.writeRESPVerbatim("This is a verbatim\nstring", s.protocolVersion)
        } else {
            out.writeRESPError(
                "ERR Wrong protocol type name. Please use one of the following: "
                    + "string|integer|double|bignum|null|array|set|map|attrib|push|verbatim|true|false")
        }
    }

    /// Mixes one key into a dataset digest: XOR makes the result independent of key order,
    /// like Redis's DEBUG DIGEST (the bytes differ from Redis's SHA-1 based digest).
    private func xorDigest(_ digest: inout [UInt8], _ entry: Entry, database: Int?) {
        var state: UInt64 = 0xCBF2_9CE4_8422_2325
        func mix(_ bytes: KeyBytes) {
            bytes.withUnsafeBytes { raw in
                for byte in raw { state = (state ^ UInt64(byte)) &* 0x100_0000_01B3 }
            }
            state = (state ^ 0xFF) &* 0x100_0000_01B3
        }
        if database != nil { mix(entry.key) }
        mix(KeyBytes(entry.value.typeName))
        switch entry.value {
        case .string(let bytes): mix(bytes)
        case .list(let list): for i in 0..<list.count { mix(list[i]) }
        case .hash(let hash):
            var sum: UInt64 = 0
            for (field, value) in zip(hash.fields, hash.values) {
                let saved = state
                mix(field)
                mix(value)
                sum &+= state
                state = saved
            }
            state ^= sum
        case .set(let set):
            var sum: UInt64 = 0
            for member in set.items {
                let saved = state
                mix(member)
                sum &+= state
                state = saved
            }
            state ^= sum
        case .zset(let zset):
            for item in zset.items {
                mix(KeyBytes(item.member))
                mix(KeyBytes(formatRedisDouble(item.score)))
            }
        }
        if database != nil && entry.expireAt != 0 { mix(KeyBytes(decimal: entry.expireAt)) }
        var word = state
        for i in 0..<20 {
            if i % 8 == 0 && i > 0 { word = (word ^ (word >> 29)) &* 0xBF58_476D_1CE4_E5B9 }
            digest[i] ^= UInt8(truncatingIfNeeded: word >> (8 * UInt64(i % 8)))
        }
    }

    private func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 15)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
