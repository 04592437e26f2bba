import NIOCore

/// Decodes a stream of RESP2/RESP3 replies into `RESPValue`s, for clients.
///
/// Each frame is first scanned for completeness — resumably, so a large reply arriving in
/// many reads costs linear time — with the limits checked before anything is allocated;
/// only a complete frame is turned into a value. RESP3 attributes are read and dropped.
public struct RESPValueDecoder: ByteToMessageDecoder, Sendable {
    public typealias InboundOut = RESPValue

    /// Size limits checked while scanning.
    public struct Limits: Sendable, Hashable {
        public var maxBulkLength: Int
        public var maxAggregateCount: Int
        public var maxLineLength: Int
        public var maxDepth: Int

        public init(
            maxBulkLength: Int = 512 * 1024 * 1024,
            maxAggregateCount: Int = Int(Int32.max),
            maxLineLength: Int = 64 * 1024,
            maxDepth: Int = 64
        ) {
            self.maxBulkLength = maxBulkLength
            self.maxAggregateCount = maxAggregateCount
            self.maxLineLength = maxLineLength
            self.maxDepth = maxDepth
        }
    }

    public var limits: Limits
    /// Bytes of the current frame already known to be complete elements.
    private var scanned = 0
    /// Elements still expected by each open aggregate, innermost last.
    private var pending: [Int] = []

    public init(limits: Limits = Limits()) {
        self.limits = limits
    }

    public mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let value = try next(from: &buffer) else { return .needMoreData }
        context.fireChannelRead(Self.wrapInboundOut(value))
        return .continue
    }

    public mutating func decodeLast(
        context: ChannelHandlerContext,
        buffer: inout ByteBuffer,
        seenEOF: Bool
    ) throws -> DecodingState {
        try decode(context: context, buffer: &buffer)
    }

    /// The next complete value, consuming its bytes, or nil when more bytes are needed.
    public mutating func next(from buffer: inout ByteBuffer) throws(RESPDecodingError) -> RESPValue? {
        let result = buffer.withUnsafeReadableBytes { bytes in scan(bytes) }
        let length: Int
        switch result {
        case .failure(let error): throw error
        case .success(nil): return nil
        case .success(let frameLength?): length = frameLength
        }
        scanned = 0
        pending.removeAll(keepingCapacity: true)
        let built = buffer.withUnsafeReadableBytes { bytes -> Result<RESPValue, RESPDecodingError> in
            var builder = RESPValueBuilder(bytes: UnsafeRawBufferPointer(rebasing: bytes[0..<length]))
            return Result { () throws(RESPDecodingError) in try builder.value() }
        }
        buffer.moveReaderIndex(forwardBy: length)
        return try built.get()
    }

    /// Advances over complete elements; returns the frame's length once it is complete.
    private mutating func scan(_ bytes: UnsafeRawBufferPointer) -> Result<Int?, RESPDecodingError> {
        let end = bytes.count
        while scanned < end {
            let start = scanned
            let type = bytes[start]
            var cr = start + 1
            while cr < end && bytes[cr] != 0x0D { cr += 1 }
            if cr >= end - 1 {
                return end - start > limits.maxLineLength ? .failure(.tooLong(at: start)) : .success(nil)
            }
            guard bytes[cr + 1] == 0x0A else { return .failure(.missingLineEnd(at: cr)) }
            if cr - start > limits.maxLineLength { return .failure(.tooLong(at: start)) }
            let after = cr + 2
            switch type {
            case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: ":"), UInt8(ascii: "_"),
                UInt8(ascii: ","), UInt8(ascii: "#"), UInt8(ascii: "("):
                scanned = after
            case UInt8(ascii: "$"), UInt8(ascii: "="), UInt8(ascii: "!"):
                if cr == start + 2 && bytes[start + 1] == UInt8(ascii: "?") {
                    return .failure(.unsupported("streamed strings", at: start))
                }
                guard let length = RESPScan.integer(in: bytes, from: start + 1, to: cr) else {
                    return .failure(.invalidLength(at: start))
                }
                if length == -1 && type == UInt8(ascii: "$") {
                    scanned = after
                } else {
                    guard length >= 0, length <= Int64(limits.maxBulkLength) else {
                        return .failure(length < 0 ? .invalidLength(at: start) : .tooLong(at: start))
                    }
                    let bodyEnd = after + Int(length)
                    if end - after < Int(length) + 2 { return .success(nil) }
                    guard bytes[bodyEnd] == 0x0D, bytes[bodyEnd + 1] == 0x0A else {
                        return .failure(.missingLineEnd(at: bodyEnd))
                    }
                    scanned = bodyEnd + 2
                }
            case UInt8(ascii: "*"), UInt8(ascii: "%"), UInt8(ascii: "~"), UInt8(ascii: ">"), UInt8(ascii: "|"):
                if cr == start + 2 && bytes[start + 1] == UInt8(ascii: "?") {
                    return .failure(.unsupported("streamed aggregates", at: start))
                }
                guard let count = RESPScan.integer(in: bytes, from: start + 1, to: cr) else {
                    return .failure(.invalidLength(at: start))
                }
                scanned = after
                if count == -1 && type == UInt8(ascii: "*") { break }
                guard count >= 0, count <= Int64(limits.maxAggregateCount) else {
                    return .failure(count < 0 ? .invalidLength(at: start) : .tooLong(at: start))
                }
                var elements = Int(count)
                if type == UInt8(ascii: "%") || type == UInt8(ascii: "|") { elements *= 2 }
                if type == UInt8(ascii: "|") { elements += 1 }
                if elements > 0 {
                    guard pending.count < limits.maxDepth else { return .failure(.tooDeep(at: start)) }
                    pending.append(elements)
                    continue
                }
            default:
                return .failure(.unknownType(type, at: start))
            }
            while let last = pending.last {
                if last > 1 {
                    pending[pending.count - 1] = last - 1
                    break
                }
                pending.removeLast()
            }
            if pending.isEmpty { return .success(scanned) }
        }
        return .success(nil)
    }
}
