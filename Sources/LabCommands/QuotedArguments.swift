/// Splits a command line the way redis-cli does: whitespace separates words, `"…"` groups words and
/// understands `\"`, `\\`, `\n`, `\t` and `\xHH`, `'…'` groups words literally (only `\'` escapes).
/// With `inWordQuotes` (shell style) a quote inside a word opens a section too: `limit="5 per 10 s"`.
enum QuotedArguments {
    static func split(_ line: String, inWordQuotes: Bool = false) throws -> [String] {
        try splitBytes(line, inWordQuotes: inWordQuotes).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The words as bytes: `"\xff"` is the byte 0xFF, not U+FFFD, as redis-cli sends it.
    static func splitBytes(_ line: String, inWordQuotes: Bool = false) throws -> [[UInt8]] {
        var words: [[UInt8]] = []
        var current: [UInt8] = []
        var inWord = false
        var bytes = Array(line.utf8)[...]
        while let byte = bytes.popFirst() {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                guard !inWord || inWordQuotes else {
                    current.append(byte)
                    continue
                }
                try readQuoted(closing: byte, from: &bytes, into: &current, line: line)
                inWord = true
                if !inWordQuotes, let next = bytes.first, !isSpace(next) { throw ReplLabError.unbalancedQuotes(line) }
            case _ where isSpace(byte):
                if inWord { words.append(current) }
                current = []
                inWord = false
            default:
                current.append(byte)
                inWord = true
            }
        }
        if inWord { words.append(current) }
        return words
    }

    private static func readQuoted(
        closing: UInt8, from bytes: inout ArraySlice<UInt8>, into current: inout [UInt8], line: String
    ) throws {
        while let byte = bytes.popFirst() {
            if byte == closing { return }
            guard byte == UInt8(ascii: "\\"), let escaped = bytes.first else {
                current.append(byte)
                continue
            }
            if closing == UInt8(ascii: "'") {
                if escaped == closing { bytes.removeFirst(); current.append(escaped) } else { current.append(byte) }
                continue
            }
            bytes.removeFirst()
            switch escaped {
            case UInt8(ascii: "n"): current.append(0x0A)
            case UInt8(ascii: "r"): current.append(0x0D)
            case UInt8(ascii: "t"): current.append(0x09)
            case UInt8(ascii: "b"): current.append(0x08)
            case UInt8(ascii: "a"): current.append(0x07)
            case UInt8(ascii: "x"):
                let digits = bytes.prefix(2)
                if digits.count == 2, let value = UInt8(String(decoding: digits, as: UTF8.self), radix: 16) {
                    bytes.removeFirst(2)
                    current.append(value)
                } else {
                    current.append(escaped)
                }
            default: current.append(escaped)
            }
        }
        throw ReplLabError.unbalancedQuotes(line)
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}
