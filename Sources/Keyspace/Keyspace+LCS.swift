import NIOCore
import RESP

/// LCS key1 key2 [LEN] [IDX] [MINMATCHLEN len] [WITHMATCHLEN], with Redis 7.0's replies and limits.
extension Keyspace {
    func lcs(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        let first = lookup(s.database, KeyBytes(argv[1]), read: true)
        let second = lookup(s.database, KeyBytes(argv[2]), read: true)
        var a: [UInt8] = []
        var b: [UInt8] = []
        for (position, index) in [(first, 0), (second, 1)] {
            guard let position else { continue }
            guard case .string(let bytes) = databases[s.database].entry(at: position).value else {
                out.writeRESPError("ERR The specified keys must contain string values")
                return
            }
            if index == 0 { a = bytes.bytes } else { b = bytes.bytes }
        }
        var getLength = false
        var getIndexes = false
        var withMatchLength = false
        var minimum: Int64 = 0
        var j = 3
        while j < argv.count {
            let option = argv[j]
            if option.equalsIgnoringCase("idx") {
                getIndexes = true
            } else if option.equalsIgnoringCase("len") {
                getLength = true
            } else if option.equalsIgnoringCase("withmatchlen") {
                withMatchLength = true
            } else if option.equalsIgnoringCase("minmatchlen") && j + 1 < argv.count {
                guard let value = parseRedisInteger(argv[j + 1].readableBytesView) else {
                    out.writeRESPError(Self.notInteger)
                    return
                }
                minimum = max(0, value)
                j += 1
            } else {
                out.writeRESPError(Self.syntaxError)
                return
            }
            j += 1
        }
        if getLength && getIndexes {
            out.writeRESPError("ERR If you want both the length and indexes, please just use IDX.")
            return
        }
        let cells = (a.count + 1).multipliedReportingOverflow(by: b.count + 1)
        if cells.overflow || cells.partialValue > configuration.protoMaxBulkLength / 4 {
            out.writeRESPError("ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len")
            return
        }
        let table = lcsTable(a, b)
        let width = b.count + 1
        let length = Int(table[a.count * width + b.count])
        if getLength {
            out.writeRESPInteger(Int64(length))
            return
        }
        var result = [UInt8](repeating: 0, count: length)
        var matches: [(aStart: Int, aEnd: Int, bStart: Int, bEnd: Int)] = []
        var remaining = length
        var i = a.count
        var k = b.count
        var range: (aStart: Int, aEnd: Int, bStart: Int, bEnd: Int)?
        while i > 0 && k > 0 {
            var emit = false
            if a[i - 1] == b[k - 1] {
                result[remaining - 1] = a[i - 1]
                if let current = range {
                    if current.aStart == i && current.bStart == k {
                        range = (i - 1, current.aEnd, k - 1, current.bEnd)
                    } else {
                        emit = true
                    }
                } else {
                    range = (i - 1, i - 1, k - 1, k - 1)
                }
                if let current = range, current.aStart == 0 || current.bStart == 0 { emit = true }
                remaining -= 1
                i -= 1
                k -= 1
            } else {
                if table[(i - 1) * width + k] > table[i * width + k - 1] { i -= 1 } else { k -= 1 }
                if range != nil { emit = true }
            }
            if emit, let current = range {
                let matchLength = current.aEnd - current.aStart + 1
                if minimum == 0 || Int64(matchLength) >= minimum { matches.append(current) }
                range = nil
            }
        }
        guard getIndexes else {
            out.writeRESPBulk(result)
            return
        }
        out.writeRESPMapHeader(2, s.protocolVersion)
        out.writeRESPBulk("matches")
        out.writeRESPArrayHeader(matches.count)
        for match in matches {
            out.writeRESPArrayHeader(withMatchLength ? 3 : 2)
            out.writeRESPArrayHeader(2)
            out.writeRESPInteger(Int64(match.aStart))
            out.writeRESPInteger(Int64(match.aEnd))
            out.writeRESPArrayHeader(2)
            out.writeRESPInteger(Int64(match.bStart))
            out.writeRESPInteger(Int64(match.bEnd))
            if withMatchLength { out.writeRESPInteger(Int64(match.aEnd - match.aStart + 1)) }
        }
        out.writeRESPBulk("len")
        out.writeRESPInteger(Int64(length))
    }

    /// The dynamic-programming table: cell (i, j) holds the LCS length of a[..<i] and b[..<j].
    private func lcsTable(_ a: [UInt8], _ b: [UInt8]) -> [UInt32] {
        let width = b.count + 1
        var table = [UInt32](repeating: 0, count: (a.count + 1) * width)
        for i in stride(from: 1, through: a.count, by: 1) {
            for j in stride(from: 1, through: b.count, by: 1) {
                if a[i - 1] == b[j - 1] {
                    table[i * width + j] = table[(i - 1) * width + j - 1] + 1
                } else {
                    table[i * width + j] = max(table[(i - 1) * width + j], table[i * width + j - 1])
                }
            }
        }
        return table
    }
}
