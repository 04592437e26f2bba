import NIOCore
import RESP

/// A reply that ended before it was complete.
public struct RESPReplyParserError: Error, CustomStringConvertible {
    public var description: String { "RESP reply ended before it was complete" }

    static let truncated = RESPReplyParserError()
}

/// Decodes one reply that its caller holds whole (the keyspace's own output, or a test's
/// captured reply) with `RESPValueDecoder`, the clients' decoder.
public enum RESPReplyParser {
    /// Decodes the first reply in `buffer` and moves its reader index past it; throws
    /// `RESPReplyParserError` when the bytes end before the reply does, and the decoder's
    /// `RESPDecodingError` when they are malformed.
    public static func parse(_ buffer: inout ByteBuffer) throws -> RESPValue {
        var decoder = RESPValueDecoder()
        guard let value = try decoder.next(from: &buffer) else { throw RESPReplyParserError.truncated }
        return value
    }
}
