import NIOCore
import RESP

/// Why a reply could not be decoded: it was cut short or held an unknown type byte.
public struct RESPReplyParserError: Error, CustomStringConvertible {
    private enum Kind {
        case truncated
        case unknownType(UInt8)
        case badNumber(String)
    }

    private let kind: Kind

    public var description: String {
        switch kind {
        case .truncated: return "RESP reply ended before it was complete"
        case .unknownType(let byte): return "RESP reply has unknown type byte \(byte)"
        case .badNumber(let text): return "RESP reply has a malformed number '\(text)'"
        }
    }

    static let truncated = RESPReplyParserError(kind: .truncated)
    static func unknownType(_ byte: UInt8) -> Self { .init(kind: .unknownType(byte)) }
    static func badNumber(_ text: String) -> Self { .init(kind: .badNumber(text)) }
}

/// Decodes one complete RESP2/RESP3 reply from trusted bytes (the keyspace's own output, or a
/// test's captured reply), consuming it from the buffer.
public enum RESPReplyParser {
    /// Decodes the first complete reply in `buffer` and moves its reader index past it;
    /// throws (leaving the reader index unspecified) when the bytes are incomplete or malformed.
    public static func parse(_ buffer: inout ByteBuffer) throws -> RESPValue {
        guard let type = buffer.readInteger(as: UInt8.self) else { throw RESPReplyParserError.truncated }
        let line = try readLine(&buffer)
        switch type {
        case UInt8(ascii: "+"): return .simpleString(line)
        case UInt8(ascii: "-"): return .error(line)
        case UInt8(ascii: ":"): return .integer(try number(line))
        case UInt8(ascii: "("): return .bigNumber(line)
        case UInt8(ascii: "#"): return .boolean(line == "t")
        case UInt8(ascii: "_"): return .nullBulk
        case UInt8(ascii: ","):
            switch line {
            case "inf": return .double(.infinity)
            case "-inf": return .double(-.infinity)
            default:
                guard let value = Double(line) else { throw RESPReplyParserError.badNumber(line) }
                return .double(value)
            }
        case UInt8(ascii: "$"), UInt8(ascii: "="):
            let length = try number(line)
            if length < 0 { return .nullBulk }
            guard let bytes = buffer.readBytes(length: Int(length)), buffer.readBytes(length: 2) != nil else {
                throw RESPReplyParserError.truncated
            }
            if type == UInt8(ascii: "=") {
                let text = String(decoding: bytes, as: UTF8.self)
                return .verbatimString(format: String(text.prefix(3)), text: String(text.dropFirst(4)))
            }
            return .bulkString(bytes)
        case UInt8(ascii: "*"), UInt8(ascii: "~"), UInt8(ascii: ">"):
            let count = try number(line)
            if count < 0 { return .nullArray }
            var items: [RESPValue] = []
            for _ in 0..<count { items.append(try parse(&buffer)) }
            if type == UInt8(ascii: "~") { return .set(items) }
            return type == UInt8(ascii: ">") ? .push(items) : .array(items)
        case UInt8(ascii: "%"):
            let count = try number(line)
            var pairs: [RESPPair] = []
            for _ in 0..<max(0, count) { pairs.append(RESPPair(try parse(&buffer), try parse(&buffer))) }
            return .map(pairs)
        default:
            throw RESPReplyParserError.unknownType(type)
        }
    }

    private static func readLine(_ buffer: inout ByteBuffer) throws -> String {
        let view = buffer.readableBytesView
        guard let end = view.firstIndex(of: UInt8(ascii: "\r")) else { throw RESPReplyParserError.truncated }
        let length = end - view.startIndex
        guard let text = buffer.readString(length: length), buffer.readBytes(length: 2) != nil else {
            throw RESPReplyParserError.truncated
        }
        return text
    }

    private static func number(_ text: String) throws -> Int64 {
        guard let value = Int64(text) else { throw RESPReplyParserError.badNumber(text) }
        return value
    }
}
