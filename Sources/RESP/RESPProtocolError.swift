/// A request that breaks the RESP protocol. `message` is the text Redis 7.0 answers
/// with (after `-ERR `), e.g. `Protocol error: invalid bulk length`; the server then
/// closes the connection.
public struct RESPProtocolError: Error, Hashable, Sendable, CustomStringConvertible {
    private enum Kind: Hashable, Sendable {
        case invalidMultibulkLength
        case unauthenticatedMultibulkLength
        case tooBigMultibulkCountString
        case invalidBulkLength
        case unauthenticatedBulkLength
        case tooBigBulkCountString
        case expectedDollar(UInt8)
        case tooBigInlineRequest
        case unbalancedQuotes
    }

    private let kind: Kind

    private init(_ kind: Kind) { self.kind = kind }

    public static let invalidMultibulkLength = RESPProtocolError(.invalidMultibulkLength)
    public static let unauthenticatedMultibulkLength = RESPProtocolError(.unauthenticatedMultibulkLength)
    public static let tooBigMultibulkCountString = RESPProtocolError(.tooBigMultibulkCountString)
    public static let invalidBulkLength = RESPProtocolError(.invalidBulkLength)
    public static let unauthenticatedBulkLength = RESPProtocolError(.unauthenticatedBulkLength)
    public static let tooBigBulkCountString = RESPProtocolError(.tooBigBulkCountString)
    public static let tooBigInlineRequest = RESPProtocolError(.tooBigInlineRequest)
    public static let unbalancedQuotes = RESPProtocolError(.unbalancedQuotes)

    /// An array element that does not start with `$`.
    public static func expectedDollar(got byte: UInt8) -> RESPProtocolError {
        RESPProtocolError(.expectedDollar(byte))
    }

    /// The error text as Redis sends it, without the `ERR ` code.
    public var message: String {
        switch kind {
        case .invalidMultibulkLength: return "Protocol error: invalid multibulk length"
        case .unauthenticatedMultibulkLength: return "Protocol error: unauthenticated multibulk length"
        case .tooBigMultibulkCountString: return "Protocol error: too big mbulk count string"
        case .invalidBulkLength: return "Protocol error: invalid bulk length"
        case .unauthenticatedBulkLength: return "Protocol error: unauthenticated bulk length"
        case .tooBigBulkCountString: return "Protocol error: too big bulk count string"
        case .expectedDollar(let byte):
            return "Protocol error: expected '$', got '\(String(decoding: [byte], as: UTF8.self))'"
        case .tooBigInlineRequest: return "Protocol error: too big inline request"
        case .unbalancedQuotes: return "Protocol error: unbalanced quotes in request"
        }
    }

    /// The full error reply line, `-ERR Protocol error: …\r\n`, byte for byte as Redis
    /// writes it: the offending byte raw, CR and LF replaced by spaces.
    public var replyBytes: [UInt8] {
        var bytes = Array("-ERR ".utf8)
        if case .expectedDollar(let byte) = kind {
            bytes += Array("Protocol error: expected '$', got '".utf8)
            bytes.append(byte == 0x0D || byte == 0x0A ? 0x20 : byte)
            bytes.append(UInt8(ascii: "'"))
        } else {
            bytes += Array(message.utf8)
        }
        bytes += [0x0D, 0x0A]
        return bytes
    }

    public var description: String { message }
}
