/// Finds the line and column of a key in TOML text, because TOMLKit gives positions only for
/// syntax errors. Paths look like `question[2].option[0].correct` (array-of-table indices 0-based).
struct TOMLKeyLocator: Sendable {
    struct Position: Sendable, Hashable {
        let line: Int
        let column: Int
    }

    private var positions: [String: Position] = [:]
    /// Line offset added to every position (front matter starts after the `+++` line).
    private let lineOffset: Int

    init(text: String, lineOffset: Int = 0) {
        self.lineOffset = lineOffset
        var arrayCounts: [String: Int] = [:]
        var current = ""
        var inMultiline: String?
        for (index, line) in text.lines().enumerated() {
            let lineNumber = index + 1 + lineOffset
            if let delimiter = inMultiline {
                if Self.occurrences(of: delimiter, in: line) % 2 == 1 { inMultiline = nil }
                continue
            }
            let trimmed = line.trimmingWhitespace()
            let indent = line.utf8.prefix { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }.count
            if trimmed.hasPrefix("[") {
                let isArray = trimmed.hasPrefix("[[")
                guard let parts = Self.headerParts(trimmed, isArray: isArray) else { continue }
                var prefix = ""
                for part in parts.dropLast() {
                    var name = prefix.isEmpty ? part : prefix + "." + part
                    if let count = arrayCounts[name], count > 0 { name += "[\(count - 1)]" }
                    prefix = name
                }
                let last = parts.last ?? ""
                let full = prefix.isEmpty ? last : prefix + "." + last
                if isArray {
                    let next = arrayCounts[full, default: 0]
                    arrayCounts[full] = next + 1
                    current = full + "[\(next)]"
                } else {
                    current = full
                }
                record(current, Position(line: lineNumber, column: indent + 1))
                continue
            }
            guard let (key, rest) = Self.keyAndValue(trimmed) else { continue }
            record(current.isEmpty ? key : current + "." + key, Position(line: lineNumber, column: indent + 1))
            for delimiter in ["\"\"\"", "'''"] where Self.occurrences(of: delimiter, in: rest) == 1 {
                inMultiline = delimiter
            }
        }
    }

    /// Non-overlapping occurrences of `delimiter` in `text`, counted over UTF-8 bytes (this runs for every
    /// line of every course file at start-up, where Foundation's `components(separatedBy:)` was the hot spot).
    static func occurrences(of delimiter: String, in text: some StringProtocol) -> Int {
        let needle = Array(delimiter.utf8)
        guard !needle.isEmpty else { return 0 }
        // A native string's bytes are read in place; only a bridged or odd one is copied.
        return text.utf8.withContiguousStorageIfAvailable { occurrences(of: needle, in: $0) }
            ?? Array(text.utf8).withUnsafeBufferPointer { occurrences(of: needle, in: $0) }
    }

    private static func occurrences(of needle: [UInt8], in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard let first = needle.first else { return 0 }
        var count = 0
        var index = 0
        while index + needle.count <= bytes.count {
            if bytes[index] == first, bytes[index..<(index + needle.count)].elementsEqual(needle) {
                count += 1
                index += needle.count
            } else {
                index += 1
            }
        }
        return count
    }

    private mutating func record(_ path: String, _ position: Position) {
        if positions[path] == nil { positions[path] = position }
    }

    /// The position of the key at `path`, else of its nearest recorded ancestor, else line 1.
    func position(of path: String) -> Position {
        var candidate = path
        while !candidate.isEmpty {
            if let found = positions[candidate] { return found }
            if candidate.hasSuffix("]"), let bracket = candidate.lastIndex(of: "[") {
                let withoutIndex = String(candidate[..<bracket])
                if let found = positions[withoutIndex] { return found }
                candidate = withoutIndex
                continue
            }
            guard let dot = candidate.lastIndex(of: ".") else { break }
            candidate = String(candidate[..<dot])
        }
        return Position(line: 1 + lineOffset, column: 1)
    }

    /// Splits `[a.b]` / `[[a."b.c"]]` into components, or nil if it is not a header line.
    private static func headerParts(_ trimmed: String, isArray: Bool) -> [String]? {
        let open = isArray ? 2 : 1
        let close = isArray ? "]]" : "]"
        guard let end = trimmed.range(of: close, options: .backwards) else { return nil }
        let inner = trimmed[trimmed.index(trimmed.startIndex, offsetBy: open)..<end.lowerBound]
        let parts = splitKey(String(inner))
        return parts.isEmpty ? nil : parts
    }

    /// `key = value` (key possibly dotted or quoted) → (normalised dotted key, value text).
    private static func keyAndValue(_ trimmed: String) -> (String, String)? {
        guard let first = trimmed.first, first != "#", first != "{", first != "[",
            trimmed.utf8.contains(UInt8(ascii: "="))
        else { return nil }
        if let ascii = asciiKeyAndValue(trimmed) { return ascii }
        var inQuote: Character?
        for index in trimmed.indices {
            let char = trimmed[index]
            if let quote = inQuote {
                if char == quote { inQuote = nil }
            } else if char == "\"" || char == "'" {
                inQuote = char
            } else if char == "=" {
                let parts = splitKey(String(trimmed[..<index]))
                guard !parts.isEmpty else { return nil }
                return (parts.joined(separator: "."), String(trimmed[trimmed.index(after: index)...]))
            } else if !(char.isLetter || char.isNumber || char == "-" || char == "_" || char == "." || char == " "
                || char == "\t")
            {
                return nil
            }
        }
        return nil
    }

    /// ``keyAndValue(_:)`` over UTF-8 bytes for a line whose key part is ASCII (nearly every line), which
    /// spares the grapheme breaking of walking Characters; `.some(nil)` means "not a key line", and nil that
    /// a non-ASCII byte came first, so the Character walk decides.
    private static func asciiKeyAndValue(_ trimmed: String) -> (String, String)?? {
        var inQuote: UInt8?
        for (offset, byte) in trimmed.utf8.enumerated() {
            guard byte < 0x80 else { return nil }
            if let quote = inQuote {
                if byte == quote { inQuote = nil }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                inQuote = byte
            } else if byte == UInt8(ascii: "=") {
                let utf8 = trimmed.utf8
                let equals = utf8.index(utf8.startIndex, offsetBy: offset)
                let parts = splitKey(String(trimmed[..<equals]))
                guard !parts.isEmpty else { return .some(nil) }
                return (parts.joined(separator: "."), String(trimmed[utf8.index(after: equals)...]))
            } else if !isKeyByte(byte) {
                return .some(nil)
            }
        }
        return .some(nil)
    }

    /// ASCII letters, digits, `-`, `_`, `.`, space and tab: what may stand outside quotes in a key.
    private static func isKeyByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        case UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: " "), UInt8(ascii: "\t"):
            return true
        default:
            return false
        }
    }

    /// Splits a dotted key, honouring quotes and dropping surrounding whitespace.
    private static func splitKey(_ key: String) -> [String] {
        if key.utf8.allSatisfy({ $0 < 0x80 }) { return splitASCIIKey(key) }
        var parts: [String] = []
        var currentPart = ""
        var inQuote: Character?
        for char in key {
            if let quote = inQuote {
                if char == quote { inQuote = nil } else { currentPart.append(char) }
            } else if char == "\"" || char == "'" {
                inQuote = char
            } else if char == "." {
                parts.append(currentPart.trimmingWhitespace())
                currentPart = ""
            } else {
                currentPart.append(char)
            }
        }
        parts.append(currentPart.trimmingWhitespace())
        return parts.contains(where: \.isEmpty) ? [] : parts
    }

    /// ``splitKey(_:)`` for an ASCII key, over its bytes.
    private static func splitASCIIKey(_ key: String) -> [String] {
        var parts: [String] = []
        var currentPart: [UInt8] = []
        var inQuote: UInt8?
        for byte in key.utf8 {
            if let quote = inQuote {
                if byte == quote { inQuote = nil } else { currentPart.append(byte) }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                inQuote = byte
            } else if byte == UInt8(ascii: ".") {
                parts.append(String(decoding: currentPart, as: UTF8.self).trimmingWhitespace())
                currentPart.removeAll(keepingCapacity: true)
            } else {
                currentPart.append(byte)
            }
        }
        parts.append(String(decoding: currentPart, as: UTF8.self).trimmingWhitespace())
        return parts.contains(where: \.isEmpty) ? [] : parts
    }
}
