/// Measures text as a terminal shows it: ANSI escape sequences take no columns,
/// combining marks none, and East Asian wide characters and emoji two.
public enum DisplayWidth {
    /// The number of terminal columns `text` occupies.
    public static func of(_ text: String) -> Int {
        var width = 0
        for character in stripANSI(text) {
            width += columns(of: character)
        }
        return width
    }

    /// `text` without ANSI CSI escape sequences.
    public static func stripANSI(_ text: String) -> String {
        guard text.contains("\u{1B}") else { return text }
        var result = ""
        var iterator = text.unicodeScalars.makeIterator()
        var scalars = String.UnicodeScalarView()
        while let scalar = iterator.next() {
            if scalar == "\u{1B}" {
                guard let next = iterator.next() else { break }
                if next == "[" {
                    while let final = iterator.next() {
                        if (0x40...0x7E).contains(final.value) { break }
                    }
                }
                continue
            }
            scalars.append(scalar)
        }
        result.unicodeScalars.append(contentsOf: scalars)
        return result
    }

    /// Columns taken by one character.
    public static func columns(of character: Character) -> Int {
        guard let first = character.unicodeScalars.first else { return 0 }
        let value = first.value
        if value < 0x20 || value == 0x7F { return 0 }
        if first.properties.generalCategory == .nonspacingMark { return 0 }
        if isWide(value) || (first.properties.isEmojiPresentation && value > 0x2000) { return 2 }
        return 1
    }

    private static func isWide(_ value: UInt32) -> Bool {
        switch value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
            0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    /// `text` padded with spaces on the right to `width` columns (never truncated).
    public static func padRight(_ text: String, to width: Int) -> String {
        let missing = width - of(text)
        return missing > 0 ? text + String(repeating: " ", count: missing) : text
    }

    /// `text` cut to at most `width` columns, ending in `…` when something was cut. Plain text only.
    public static func truncate(_ text: String, to width: Int) -> String {
        guard of(text) > width else { return text }
        guard width > 1 else { return width == 1 ? "…" : "" }
        var result = ""
        var used = 0
        for character in text {
            let columns = columns(of: character)
            if used + columns > width - 1 { break }
            result.append(character)
            used += columns
        }
        return result + "…"
    }
}
