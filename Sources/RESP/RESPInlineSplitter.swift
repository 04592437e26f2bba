/// Splits an inline request line (`SET k "hello world"`) into arguments exactly as Redis's
/// `sdssplitargs` does: double quotes with `\n \r \t \b \a \\ \" \xHH` escapes, single
/// quotes with `\'`, and a closing quote that must be followed by a space or the line end.
/// `sdssplitargs` reads the line as a C string, so a NUL byte ends it (inside quotes: unbalanced);
/// `scan` never passes such a line on, since Redis's `strchr` finds no line feed past a NUL.
enum RESPInlineSplitter {
    enum Outcome {
        case incomplete
        case failed(RESPProtocolError)
        /// A full line: bytes consumed (including its line end) and its arguments, maybe none.
        case line(consumed: Int, arguments: [[UInt8]])
        /// A full line without quotes: its arguments are plain byte ranges of the line.
        case plain(consumed: Int, ranges: [Range<Int>])
    }

    static func scan(_ bytes: UnsafeRawBufferPointer, maxLength: Int) -> Outcome {
        guard let newline = RESPScan.lineFeed(in: bytes, from: 0) else {
            return bytes.count > maxLength ? .failed(.tooBigInlineRequest) : .incomplete
        }
        var lineEnd = newline
        if newline > 0 && bytes[newline - 1] == 0x0D { lineEnd -= 1 }
        let line = UnsafeRawBufferPointer(rebasing: bytes[0..<lineEnd])
        if !line.contains(UInt8(ascii: "\"")) && !line.contains(UInt8(ascii: "'")) {
            return .plain(consumed: newline + 1, ranges: plainRanges(line))
        }
        guard let arguments = split(line) else {
            return .failed(.unbalancedQuotes)
        }
        return .line(consumed: newline + 1, arguments: arguments)
    }

    /// The words of a line without quotes, split exactly as `split` would split it.
    static func plainRanges(_ line: UnsafeRawBufferPointer) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        let end = line.count
        var p = 0
        while true {
            while p < end && isSpace(line[p]) { p += 1 }
            if p >= end || line[p] == 0 { return ranges }
            let start = p
            while p < end {
                let c = line[p]
                if c == UInt8(ascii: " ") || c == 0x0A || c == 0x0D || c == 0x09 || c == 0 { break }
                p += 1
            }
            ranges.append(start..<p)
        }
    }

    /// nil when quotes are unbalanced.
    static func split(_ line: UnsafeRawBufferPointer) -> [[UInt8]]? {
        var arguments: [[UInt8]] = []
        let end = line.count
        func at(_ index: Int) -> UInt8 { index < end ? line[index] : 0 }
        var p = 0
        while true {
            while p < end && isSpace(line[p]) { p += 1 }
            if p >= end || line[p] == 0 { return arguments }
            var inDouble = false
            var inSingle = false
            var done = false
            var current: [UInt8] = []
            while !done {
                let c = at(p)
                if inDouble {
                    if c == UInt8(ascii: "\\") && at(p + 1) == UInt8(ascii: "x"),
                        let high = hexValue(at(p + 2)), let low = hexValue(at(p + 3))
                    {
                        current.append(high << 4 | low)
                        p += 3
                    } else if c == UInt8(ascii: "\\") && at(p + 1) != 0 {
                        p += 1
                        current.append(unescaped(line[p]))
                    } else if c == UInt8(ascii: "\"") {
                        if at(p + 1) != 0 && !isSpace(at(p + 1)) { return nil }
                        done = true
                    } else if c == 0 {
                        return nil
                    } else {
                        current.append(c)
                    }
                } else if inSingle {
                    if c == UInt8(ascii: "\\") && at(p + 1) == UInt8(ascii: "'") {
                        p += 1
                        current.append(UInt8(ascii: "'"))
                    } else if c == UInt8(ascii: "'") {
                        if at(p + 1) != 0 && !isSpace(at(p + 1)) { return nil }
                        done = true
                    } else if c == 0 {
                        return nil
                    } else {
                        current.append(c)
                    }
                } else {
                    switch c {
                    case UInt8(ascii: " "), 0x0A, 0x0D, 0x09, 0: done = true
                    case UInt8(ascii: "\""): inDouble = true
                    case UInt8(ascii: "'"): inSingle = true
                    default: current.append(c)
                    }
                }
                if p < end && line[p] != 0 { p += 1 }
            }
            arguments.append(current)
        }
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    private static func unescaped(_ byte: UInt8) -> UInt8 {
        switch byte {
        case UInt8(ascii: "n"): return 0x0A
        case UInt8(ascii: "r"): return 0x0D
        case UInt8(ascii: "t"): return 0x09
        case UInt8(ascii: "b"): return 0x08
        case UInt8(ascii: "a"): return 0x07
        default: return byte
        }
    }
}
