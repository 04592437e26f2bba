/// Byte-level helpers shared by the request parser and the reply decoder.
enum RESPScan {
    /// The index of the first `\r` at or after `start`, or nil when there is none — or when
    /// a NUL byte comes first, since Redis searches its query buffer with `strchr`.
    @inline(__always)
    static func carriageReturn(in bytes: UnsafeRawBufferPointer, from start: Int) -> Int? {
        first(0x0D, in: bytes, from: start)
    }

    /// The index of the first `\n` at or after `start`, stopping at a NUL byte as `strchr` does.
    static func lineFeed(in bytes: UnsafeRawBufferPointer, from start: Int) -> Int? {
        first(0x0A, in: bytes, from: start)
    }

    @inline(__always)
    private static func first(_ target: UInt8, in bytes: UnsafeRawBufferPointer, from start: Int) -> Int? {
        var index = start
        let end = bytes.count
        while index < end {
            let byte = bytes[index]
            if byte == target { return index }
            if byte == 0 { return nil }
            index &+= 1
        }
        return nil
    }

    /// Parses `bytes[start..<end]` as a decimal integer the way Redis's `string2ll` does.
    @inline(__always)
    static func integer(in bytes: UnsafeRawBufferPointer, from start: Int, to end: Int) -> Int64? {
        guard start <= end else { return nil }
        return parseRedisInteger(UnsafeRawBufferPointer(rebasing: bytes[start..<end]))
    }
}
