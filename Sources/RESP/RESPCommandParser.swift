import NIOCore

/// Parses client commands (multi-bulk `*2\r\n$3\r\nGET\r\n$1\r\nk\r\n` and inline `GET k\r\n`)
/// straight from a server's inbound buffer into argument slices, the way Redis 7.0 does:
/// same limits, same protocol errors, same leniencies.
///
/// A command split across reads is resumed where parsing stopped, so a command with many
/// arguments arriving in small pieces costs linear time.
public struct RESPCommandParser: Sendable {
    public var limits: RESPCommandLimits

    /// Arguments announced by the multi-bulk header of the pending command; 0 when none is pending.
    private var expected = 0
    /// Bytes of the pending command already parsed, counted from the buffer's reader index.
    private var offset = 0
    /// Start and length of each argument parsed so far, relative to the reader index.
    private var ranges: [Int] = []

    public init(limits: RESPCommandLimits = RESPCommandLimits()) {
        self.limits = limits
    }

    /// Returns the next complete command and moves `buffer`'s reader index past it, or
    /// returns nil (leaving the reader index where it was) when more bytes are needed.
    /// Empty commands (`*0`, blank lines) are skipped. `authenticated` applies Redis's
    /// tighter limits to clients that still owe an `AUTH`.
    public mutating func next(
        from buffer: inout ByteBuffer,
        authenticated: Bool = true
    ) throws(RESPProtocolError) -> [ByteBuffer]? {
        var argv: [ByteBuffer] = []
        return try next(from: &buffer, into: &argv, authenticated: authenticated) ? argv : nil
    }

    /// `next(from:authenticated:)` into a caller's array, which keeps its capacity from one command
    /// to the next (a server's hot path allocates no array per command). Returns false, with `argv`
    /// left empty or as it was, when more bytes are needed.
    public mutating func next(
        from buffer: inout ByteBuffer,
        into argv: inout [ByteBuffer],
        authenticated: Bool = true
    ) throws(RESPProtocolError) -> Bool {
        while buffer.readableBytes > 0 {
            let isMultibulk = expected > 0 || buffer.readableBytesView.first == UInt8(ascii: "*")
            if isMultibulk {
                let outcome = buffer.withUnsafeReadableBytes { bytes in
                    scanMultibulk(bytes, authenticated: authenticated)
                }
                switch outcome {
                case .incomplete:
                    return false
                case .failed(let error):
                    throw error
                case .empty(let consumed):
                    buffer.moveReaderIndex(forwardBy: consumed)
                case .complete(let consumed):
                    // removeLast() per element: removeAll(keepingCapacity:) goes through the
                    // generic replaceSubrange, which costs more than the command's own parsing.
                    while !argv.isEmpty { argv.removeLast() }
                    argv.reserveCapacity(ranges.count / 2)
                    var index = 0
                    let base = buffer.readerIndex
                    while index < ranges.count {
                        argv.append(
                            buffer.getSlice(at: base + ranges[index], length: ranges[index + 1]) ?? ByteBuffer())
                        index += 2
                    }
                    buffer.moveReaderIndex(forwardBy: consumed)
                    if ranges.count <= 1024 {
                        while !ranges.isEmpty { ranges.removeLast() }
                    } else {
                        ranges = []
                    }
                    expected = 0
                    offset = 0
                    return true
                }
            } else {
                let outcome = buffer.withUnsafeReadableBytes { bytes in
                    RESPInlineSplitter.scan(bytes, maxLength: limits.maxInlineLength)
                }
                switch outcome {
                case .incomplete:
                    return false
                case .failed(let error):
                    throw error
                case .line(let consumed, let arguments):
                    buffer.moveReaderIndex(forwardBy: consumed)
                    if !arguments.isEmpty {
                        argv = arguments.map { ByteBuffer(bytes: $0) }
                        return true
                    }
                case .plain(let consumed, let ranges):
                    let base = buffer.readerIndex
                    let slices = ranges.map {
                        buffer.getSlice(at: base + $0.lowerBound, length: $0.count) ?? ByteBuffer()
                    }
                    buffer.moveReaderIndex(forwardBy: consumed)
                    if !slices.isEmpty {
                        argv = slices
                        return true
                    }
                }
            }
        }
        return false
    }

    private enum Outcome {
        case incomplete
        case failed(RESPProtocolError)
        case empty(consumed: Int)
        case complete(consumed: Int)
    }

    private mutating func scanMultibulk(_ bytes: UnsafeRawBufferPointer, authenticated: Bool) -> Outcome {
        let end = bytes.count
        var position = offset
        if expected == 0 {
            guard let cr = RESPScan.carriageReturn(in: bytes, from: position) else {
                return end - position > limits.maxInlineLength ? .failed(.tooBigMultibulkCountString) : .incomplete
            }
            if cr + 1 >= end { return .incomplete }
            guard let count = RESPScan.integer(in: bytes, from: position + 1, to: cr),
                count <= Int64(limits.maxMultibulkCount)
            else {
                return .failed(.invalidMultibulkLength)
            }
            if !authenticated && count > Int64(limits.unauthenticatedMaxMultibulkCount) {
                return .failed(.unauthenticatedMultibulkLength)
            }
            position = cr + 2
            if count <= 0 { return .empty(consumed: position) }
            expected = Int(count)
            ranges.reserveCapacity(2 * min(expected, 1024))
        }
        while ranges.count < 2 * expected {
            guard let cr = RESPScan.carriageReturn(in: bytes, from: position) else {
                offset = position
                return end - position > limits.maxInlineLength ? .failed(.tooBigBulkCountString) : .incomplete
            }
            if cr + 1 >= end {
                offset = position
                return .incomplete
            }
            let marker = bytes[position]
            guard marker == UInt8(ascii: "$") else { return .failed(.expectedDollar(got: marker)) }
            guard let length = RESPScan.integer(in: bytes, from: position + 1, to: cr),
                length >= 0, length <= Int64(limits.maxBulkLength)
            else {
                return .failed(.invalidBulkLength)
            }
            if !authenticated && length > Int64(limits.unauthenticatedMaxBulkLength) {
                return .failed(.unauthenticatedBulkLength)
            }
            let start = cr + 2
            if end - start < Int(length) + 2 {
                offset = position
                return .incomplete
            }
            ranges.append(start)
            ranges.append(Int(length))
            position = start + Int(length) + 2
        }
        return .complete(consumed: position)
    }
}
