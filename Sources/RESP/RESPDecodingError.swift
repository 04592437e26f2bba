/// A reply stream that is not valid RESP2/RESP3, or exceeds the decoder's limits.
public struct RESPDecodingError: Error, Hashable, Sendable, CustomStringConvertible {
    private enum Kind: Hashable, Sendable {
        case unknownType(UInt8)
        case invalidLength
        case invalidInteger
        case invalidDouble
        case invalidBoolean
        case missingLineEnd
        case tooLong
        case tooDeep
        case unsupported(String)
    }

    private let kind: Kind
    /// Offset of the offending frame in the stream, counted from the frame being decoded.
    public let offset: Int

    private init(_ kind: Kind, offset: Int) {
        self.kind = kind
        self.offset = offset
    }

    static func unknownType(_ byte: UInt8, at offset: Int) -> Self { Self(.unknownType(byte), offset: offset) }
    static func invalidLength(at offset: Int) -> Self { Self(.invalidLength, offset: offset) }
    static func invalidInteger(at offset: Int) -> Self { Self(.invalidInteger, offset: offset) }
    static func invalidDouble(at offset: Int) -> Self { Self(.invalidDouble, offset: offset) }
    static func invalidBoolean(at offset: Int) -> Self { Self(.invalidBoolean, offset: offset) }
    static func missingLineEnd(at offset: Int) -> Self { Self(.missingLineEnd, offset: offset) }
    static func tooLong(at offset: Int) -> Self { Self(.tooLong, offset: offset) }
    static func tooDeep(at offset: Int) -> Self { Self(.tooDeep, offset: offset) }
    static func unsupported(_ what: String, at offset: Int) -> Self { Self(.unsupported(what), offset: offset) }

    public var description: String {
        let what: String
        switch kind {
        case .unknownType(let byte): what = "unknown RESP type byte 0x\(String(byte, radix: 16))"
        case .invalidLength: what = "invalid length"
        case .invalidInteger: what = "invalid integer"
        case .invalidDouble: what = "invalid double"
        case .invalidBoolean: what = "invalid boolean"
        case .missingLineEnd: what = "missing CRLF"
        case .tooLong: what = "frame exceeds the decoder's size limits"
        case .tooDeep: what = "aggregates nested deeper than the decoder's limit"
        case .unsupported(let feature): what = "unsupported RESP feature: \(feature)"
        }
        return "RESP decoding error at byte \(offset): \(what)"
    }
}
