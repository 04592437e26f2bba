import Foundation

/// A command script: independent cases separated by blank lines, one command per line with
/// shell-like quoting, `#` comments. A line may start with a mask directive:
/// `!sort` (compare an array reply as a multiset), `!ints` (integers masked), `!type` (only the
/// reply's type byte), `!skip-real` (run in process only).
public struct CommandScript {
    public struct Line {
        public var number: Int
        public var mask: String?
        public var arguments: [String]
    }

    public struct Case {
        public var lines: [Line]
    }

    public var cases: [Case]

    public struct ParseError: Error, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    public init(text: String) throws {
        var cases: [Case] = []
        var current: [Line] = []
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = rawLine.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty {
                if !current.isEmpty { cases.append(Case(lines: current)) }
                current = []
                continue
            }
            if trimmed.hasPrefix("#") { continue }
            var words = try Self.split(trimmed, line: index + 1)
            var mask: String?
            if let first = words.first, first.hasPrefix("!") {
                mask = String(first.dropFirst())
                words.removeFirst()
            }
            current.append(Line(number: index + 1, mask: mask, arguments: words))
        }
        if !current.isEmpty { cases.append(Case(lines: current)) }
        self.cases = cases
    }

    /// Splits a line like a shell: whitespace separates words; "..." understands \n \r \t \\ \" \xHH;
    /// '...' is literal.
    static func split(_ line: String, line number: Int) throws -> [String] {
        var words: [String] = []
        var word: [UInt8] = []
        var inWord = false
        var bytes = Array(line.utf8)[...]
        while let c = bytes.popFirst() {
            switch c {
            case UInt8(ascii: " "), UInt8(ascii: "\t"):
                if inWord { words.append(String(decoding: word, as: UTF8.self)); word = []; inWord = false }
            case UInt8(ascii: "\""):
                inWord = true
                var closed = false
                while let d = bytes.popFirst() {
                    if d == UInt8(ascii: "\"") { closed = true; break }
                    if d == UInt8(ascii: "\\"), let e = bytes.popFirst() {
                        switch e {
                        case UInt8(ascii: "n"): word.append(10)
                        case UInt8(ascii: "r"): word.append(13)
                        case UInt8(ascii: "t"): word.append(9)
                        case UInt8(ascii: "x"):
                            let hex = String(decoding: bytes.prefix(2), as: UTF8.self)
                            guard let value = UInt8(hex, radix: 16) else {
                                throw ParseError(line: number, message: "bad \\x escape")
                            }
                            word.append(value)
                            bytes = bytes.dropFirst(2)
                        default: word.append(e)
                        }
                    } else {
                        word.append(d)
                    }
                }
                if !closed { throw ParseError(line: number, message: "unterminated double quote") }
            case UInt8(ascii: "'"):
                inWord = true
                guard let end = bytes.firstIndex(of: UInt8(ascii: "'")) else {
                    throw ParseError(line: number, message: "unterminated single quote")
                }
                word.append(contentsOf: bytes[..<end])
                bytes = bytes[(end + 1)...]
            default:
                inWord = true
                word.append(c)
            }
        }
        if inWord { words.append(String(decoding: word, as: UTF8.self)) }
        return words
    }
}
