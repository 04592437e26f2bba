/// Builds a `RESPValue` from a frame the decoder has already scanned as complete.
struct RESPValueBuilder {
    let bytes: UnsafeRawBufferPointer
    var position = 0

    init(bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    mutating func value() throws(RESPDecodingError) -> RESPValue {
        let start = position
        guard start < bytes.count else { throw .missingLineEnd(at: start) }
        let type = bytes[start]
        let line = try readLine()
        switch type {
        case UInt8(ascii: "+"):
            return .simpleString(text(line))
        case UInt8(ascii: "-"):
            return .error(text(line))
        case UInt8(ascii: ":"):
            guard let number = Int64(text(line)) else { throw .invalidInteger(at: start) }
            return .integer(number)
        case UInt8(ascii: "_"):
            return .nullBulk
        case UInt8(ascii: ","):
            guard let number = Double(text(line)) else { throw .invalidDouble(at: start) }
            return .double(number)
        case UInt8(ascii: "#"):
            switch text(line) {
            case "t": return .boolean(true)
            case "f": return .boolean(false)
            default: throw .invalidBoolean(at: start)
            }
        case UInt8(ascii: "("):
            return .bigNumber(text(line))
        case UInt8(ascii: "$"), UInt8(ascii: "="), UInt8(ascii: "!"):
            let length = try count(line, at: start)
            if length == -1 { return .nullBulk }
            let body = try readBody(length, at: start)
            if type == UInt8(ascii: "$") { return .bulkString(Array(body)) }
            if type == UInt8(ascii: "!") { return .error(String(decoding: body, as: UTF8.self)) }
            let format = String(decoding: body.prefix(3), as: UTF8.self)
            return .verbatimString(format: format, text: String(decoding: body.dropFirst(4), as: UTF8.self))
        case UInt8(ascii: "*"), UInt8(ascii: "~"), UInt8(ascii: ">"):
            let elements = try count(line, at: start)
            if elements == -1 { return .nullArray }
            var values: [RESPValue] = []
            values.reserveCapacity(min(elements, 1024))
            for _ in 0..<max(elements, 0) { values.append(try value()) }
            if type == UInt8(ascii: "~") { return .set(values) }
            return type == UInt8(ascii: ">") ? .push(values) : .array(values)
        case UInt8(ascii: "%"):
            let pairs = try count(line, at: start)
            var entries: [RESPPair] = []
            entries.reserveCapacity(min(pairs, 1024))
            for _ in 0..<max(pairs, 0) {
                let key = try value()
                entries.append(RESPPair(key, try value()))
            }
            return .map(entries)
        case UInt8(ascii: "|"):
            let pairs = try count(line, at: start)
            for _ in 0..<(2 * max(pairs, 0)) { _ = try value() }
            return try value()
        default:
            throw .unknownType(type, at: start)
        }
    }

    private mutating func readLine() throws(RESPDecodingError) -> Range<Int> {
        var cr = position + 1
        while cr < bytes.count && bytes[cr] != 0x0D { cr += 1 }
        guard cr + 1 < bytes.count else { throw .missingLineEnd(at: position) }
        let line = (position + 1)..<cr
        position = cr + 2
        return line
    }

    private mutating func readBody(
        _ length: Int, at start: Int
    ) throws(RESPDecodingError) -> UnsafeRawBufferPointer.SubSequence {
        guard length >= 0, bytes.count - position >= length + 2 else { throw .invalidLength(at: start) }
        let body = bytes[position..<(position + length)]
        position += length + 2
        return body
    }

    private func count(_ line: Range<Int>, at start: Int) throws(RESPDecodingError) -> Int {
        guard let number = RESPScan.integer(in: bytes, from: line.lowerBound, to: line.upperBound) else {
            throw .invalidLength(at: start)
        }
        return Int(number)
    }

    private func text(_ line: Range<Int>) -> String {
        String(decoding: bytes[line], as: UTF8.self)
    }
}
