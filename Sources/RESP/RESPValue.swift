/// The RESP protocol version a connection speaks: 2 by default, 3 after `HELLO 3`.
public enum RESPVersion: Int, Sendable, Hashable {
    case v2 = 2
    case v3 = 3
}

/// A decoded RESP2/RESP3 value, as a client receives it or a test compares it.
///
/// Replies on the server's hot path are written straight into a `ByteBuffer`
/// with `ByteBuffer.writeRESP…` (see `RESPWriter.swift`); this type is for
/// clients, tests and the REPL, where clarity beats allocation counts.
public indirect enum RESPValue: Hashable, Sendable {
    case simpleString(String)
    /// An error reply's full text without the leading `-`, e.g. `ERR syntax error`.
    case error(String)
    case integer(Int64)
    case bulkString([UInt8])
    case array([RESPValue])
    /// `$-1` in RESP2, `_` in RESP3.
    case nullBulk
    /// `*-1` in RESP2, `_` in RESP3.
    case nullArray
    case double(Double)
    case boolean(Bool)
    /// RESP3 map as ordered key/value pairs (flattened into an array in RESP2).
    case map([RESPPair])
    /// RESP3 set (an array in RESP2).
    case set([RESPValue])
    case bigNumber(String)
    case verbatimString(format: String, text: String)
    case push([RESPValue])

    /// A bulk string from UTF-8 text.
    public static func bulk(_ text: String) -> RESPValue { .bulkString(Array(text.utf8)) }

    /// The value as text, for bulk and simple strings.
    public var text: String? {
        switch self {
        case .simpleString(let s): return s
        case .bulkString(let bytes): return String(decoding: bytes, as: UTF8.self)
        case .verbatimString(_, let text): return text
        default: return nil
        }
    }

    public var isNull: Bool { self == .nullBulk || self == .nullArray }
}

/// One key/value entry of a RESP3 map.
public struct RESPPair: Hashable, Sendable {
    public var key: RESPValue
    public var value: RESPValue
    public init(_ key: RESPValue, _ value: RESPValue) {
        self.key = key
        self.value = value
    }
}
