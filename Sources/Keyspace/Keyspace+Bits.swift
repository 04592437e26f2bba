import NIOCore
import RESP

/// SETBIT, GETBIT, BITCOUNT, BITPOS and BITOP, as Redis 7.0's bitops.c answers them.
extension Keyspace {
    static let bitOffsetError = "ERR bit offset is not an integer or out of range"

    /// Redis's `getBitOffsetFromArgument`: a non-negative bit offset whose byte fits `proto-max-bulk-len`.
    func bitOffset(_ argument: ByteBuffer, _ out: inout ByteBuffer) -> Int? {
        guard let offset = parseRedisInteger(argument.readableBytesView), offset >= 0,
            (offset >> 3) < Int64(configuration.protoMaxBulkLength)
        else {
            out.writeRESPError(Self.bitOffsetError)
            return nil
        }
        return Int(offset)
    }

    func setbit(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        guard let offset = bitOffset(argv[2], &out) else { return }
        guard let on = parseRedisInteger(argv[3].readableBytesView), on & ~1 == 0 else {
            out.writeRESPError("ERR bit is not an integer or out of range")
            return
        }
        let key = KeyBytes(argv[1])
        let byte = offset >> 3
        let mask = UInt8(1) << UInt8(7 - (offset & 7))
        let position = lookup(s.database, key)
        var bytes: [UInt8]
        if let position {
            guard let current = stringValue(s.database, position, &out) else { return }
            bytes = current.bytes
        } else {
            bytes = []
        }
        let grew = bytes.count <= byte
        if grew { bytes.append(contentsOf: repeatElement(0, count: byte + 1 - bytes.count)) }
        let old = bytes[byte] & mask != 0
        if grew || old != (on == 1) || position == nil {
            if on == 1 { bytes[byte] |= mask } else { bytes[byte] &= ~mask }
            storeString(s.database, key, bytes, at: position)
        }
        out.writeRESPInteger(old ? 1 : 0)
    }

    /// Replaces (or creates) a string value, keeping any TTL, and signals the key.
    func storeString(_ dbIndex: Int, _ key: KeyBytes, _ bytes: [UInt8], at position: Int?) {
        if let position {
            mutate(dbIndex, position) { $0.value = .string(KeyBytes(bytes)) }
            signalModified(dbIndex, key)
        } else {
            store(dbIndex, key, .string(KeyBytes(bytes)), at: .some(nil))
        }
    }

    func getbit(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        guard let offset = bitOffset(argv[2], &out) else { return }
        guard let position = lookup(s.database, KeyBytes(argv[1]), read: true) else {
            out.writeRESPInteger(0)
            return
        }
        guard let bytes = stringValue(s.database, position, &out) else { return }
        let byte = offset >> 3
        let set = byte < bytes.count && bytes[byte] & (UInt8(1) << UInt8(7 - (offset & 7))) != 0
        out.writeRESPInteger(set ? 1 : 0)
    }

    /// Parses BIT|BYTE; nil (with a syntax error written) for anything else.
    private func bitUnit(_ argument: ByteBuffer, _ out: inout ByteBuffer) -> Bool? {
        if argument.equalsIgnoringCase("bit") { return true }
        if argument.equalsIgnoringCase("byte") { return false }
        out.writeRESPError(Self.syntaxError)
        return nil
    }

    func bitcount(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        guard let position = lookup(s.database, KeyBytes(argv[1]), read: true) else {
            out.writeRESPInteger(0)
            return
        }
        guard let value = stringValue(s.database, position, &out) else { return }
        let bytes = value.bytes
        var startBit = 0
        var endBit = bytes.count * 8 - 1
        if argv.count == 4 || argv.count == 5 {
            guard var start = parseRedisInteger(argv[2].readableBytesView),
                var end = parseRedisInteger(argv[3].readableBytesView)
            else {
                out.writeRESPError(Self.notInteger)
                return
            }
            if start < 0 && end < 0 && start > end {
                out.writeRESPInteger(0)
                return
            }
            var isBit = false
            if argv.count == 5 {
                guard let unit = bitUnit(argv[4], &out) else { return }
                isBit = unit
            }
            let total = Int64(bytes.count) * (isBit ? 8 : 1)
            (start, end) = clampRange(start, end, total)
            if start > end {
                out.writeRESPInteger(0)
                return
            }
            startBit = Int(isBit ? start : start * 8)
            endBit = Int(isBit ? end : end * 8 + 7)
        } else if argv.count != 2 {
            out.writeRESPError(Self.syntaxError)
            return
        }
        var count = 0
        var bit = startBit
        while bit <= endBit {
            if bit & 7 == 0 && bit + 7 <= endBit {
                count += bytes[bit >> 3].nonzeroBitCount
                bit += 8
            } else {
                if bytes[bit >> 3] & (UInt8(1) << UInt8(7 - (bit & 7))) != 0 { count += 1 }
                bit += 1
            }
        }
        out.writeRESPInteger(Int64(count))
    }

    /// Redis's range normalisation for GETRANGE/BITCOUNT/BITPOS: negative from the end, clamped.
    func clampRange(_ start: Int64, _ end: Int64, _ total: Int64) -> (Int64, Int64) {
        var start = start
        var end = end
        if start < 0 { start = total &+ start }
        if end < 0 { end = total &+ end }
        if start < 0 { start = 0 }
        if end < 0 { end = 0 }
        if end >= total { end = total - 1 }
        return (start, end)
    }

    func bitpos(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        guard let bit = parseRedisInteger(argv[2].readableBytesView) else {
            out.writeRESPError(Self.notInteger)
            return
        }
        guard bit == 0 || bit == 1 else {
            out.writeRESPError("ERR The bit argument must be 1 or 0.")
            return
        }
        guard let position = lookup(s.database, KeyBytes(argv[1]), read: true) else {
            out.writeRESPInteger(bit == 1 ? -1 : 0)
            return
        }
        guard let value = stringValue(s.database, position, &out) else { return }
        let bytes = value.bytes
        var endGiven = false
        var startBit: Int64 = 0
        var endBit = Int64(bytes.count) * 8 - 1
        if argv.count >= 4 && argv.count <= 6 {
            guard var start = parseRedisInteger(argv[3].readableBytesView) else {
                out.writeRESPError(Self.notInteger)
                return
            }
            var isBit = false
            if argv.count == 6 {
                guard let unit = bitUnit(argv[5], &out) else { return }
                isBit = unit
            }
            let total = Int64(bytes.count) * (isBit ? 8 : 1)
            var end = isBit ? total + 7 : total - 1
            if argv.count >= 5 {
                guard let given = parseRedisInteger(argv[4].readableBytesView) else {
                    out.writeRESPError(Self.notInteger)
                    return
                }
                end = given
                endGiven = true
            }
            (start, end) = clampRange(start, end, total)
            if start > end {
                out.writeRESPInteger(-1)
                return
            }
            startBit = isBit ? start : start * 8
            endBit = isBit ? end : end * 8 + 7
        } else if argv.count != 3 {
            out.writeRESPError(Self.syntaxError)
            return
        }
        if startBit > endBit {
            out.writeRESPInteger(-1)
            return
        }
        let wanted = bit == 1
        var index = startBit
        while index <= endBit {
            let byte = bytes[Int(index >> 3)]
            if index & 7 == 0 && index + 7 <= endBit && byte == (wanted ? 0 : 0xFF) {
                index += 8
                continue
            }
            if (byte & (UInt8(1) << UInt8(7 - (index & 7))) != 0) == wanted {
                out.writeRESPInteger(index)
                return
            }
            index += 1
        }
        if wanted || endGiven {
            out.writeRESPInteger(-1)
        } else {
            out.writeRESPInteger(((endBit >> 3) + 1) * 8)
        }
    }

    func bitop(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        enum Operation { case and, or, xor, not }
        let operation: Operation
        if argv[1].equalsIgnoringCase("and") {
            operation = .and
        } else if argv[1].equalsIgnoringCase("or") {
            operation = .or
        } else if argv[1].equalsIgnoringCase("xor") {
            operation = .xor
        } else if argv[1].equalsIgnoringCase("not") {
            operation = .not
        } else {
            out.writeRESPError(Self.syntaxError)
            return
        }
        if operation == .not && argv.count != 4 {
            out.writeRESPError("ERR BITOP NOT must be called with a single source key.")
            return
        }
        var sources: [[UInt8]] = []
        var longest = 0
        for arg in argv.dropFirst(3) {
            guard let position = lookup(s.database, KeyBytes(arg), read: true) else {
                sources.append([])
                continue
            }
            guard let value = stringValue(s.database, position, &out) else { return }
            sources.append(value.bytes)
            longest = max(longest, value.count)
        }
        let target = KeyBytes(argv[2])
        guard longest > 0 else {
            deleteKey(s.database, target)
            out.writeRESPInteger(0)
            return
        }
        var result = [UInt8](repeating: 0, count: longest)
        for j in 0..<longest {
            var output: UInt8 = j < sources[0].count ? sources[0][j] : 0
            if operation == .not { output = ~output }
            for source in sources.dropFirst() {
                let byte: UInt8 = j < source.count ? source[j] : 0
                switch operation {
                case .and: output &= byte
                case .or: output |= byte
                case .xor: output ^= byte
                case .not: break
                }
            }
            result[j] = output
        }
        store(s.database, target, .string(KeyBytes(result)))
        out.writeRESPInteger(Int64(longest))
    }
}
