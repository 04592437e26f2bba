/// Byte-level helpers shared by the request parser and the reply decoder.
enum RESPScan {
    /// The index of the first `\r` at or after `start`, or nil when there is none — or when
    /// a NUL byte comes first, since Redis searches its query buffer with `strchr`.
    @inline(__always)
    static func carriageReturn(in bytes: UnsafeRawBufferPointer, from start: Int) -> Int? {
        var index = start
        let end = bytes.count
        while index < end {
            let byte = bytes[index]
            if byte == 0x0D { return index }
            if byte == 0 { return nil }
            index &+= 1
        }
        return nil
    }

    /// The index of the first `\n` at or after `start`, stopping at a NUL byte as `strchr` does.
    static func lineFeed(in bytes: UnsafeRawBufferPointer, from start: Int) -> Int? {
        var index = start
        let end = bytes.count
        while index < end {
            let byte = bytes[index]
            if byte == 0x0A { return index }
            if byte == 0 { return nil }
            index &+= 1
        }
        return nil
    }

    /// Parses `bytes[start..<end]` as a decimal integer the way Redis's `string2ll` does:
    /// an optional `-`, no `+`, no leading zeros, no spaces, 1…20 characters, within Int64.
    @inline(__always)
    static func integer(in bytes: UnsafeRawBufferPointer, from start: Int, to end: Int) -> Int64? {
        let length = end - start
        if length <= 0 || length > 20 { return nil }
        if length == 1 && bytes[start] == UInt8(ascii: "0") { return 0 }
        var index = start
        let negative = bytes[index] == UInt8(ascii: "-")
        if negative {
            index += 1
            if index == end { return nil }
        }
        let first = bytes[index]
        guard first >= UInt8(ascii: "1") && first <= UInt8(ascii: "9") else { return nil }
        var magnitude = UInt64(first &- UInt8(ascii: "0"))
        index += 1
        while index < end {
            let digit = bytes[index] &- UInt8(ascii: "0")
            guard digit <= 9 else { return nil }
            let (times10, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(UInt64(digit))
            if overflow1 || overflow2 { return nil }
            magnitude = sum
            index += 1
        }
        if negative {
            if magnitude > UInt64(Int64.max) + 1 { return nil }
            return magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
        }
        if magnitude > UInt64(Int64.max) { return nil }
        return Int64(magnitude)
    }
}
