/// The one sanitiser for text that reaches the terminal from outside the program: course text, server replies
/// and what a learner typed. It removes C0 controls (except tab and newline in ``sanitize(_:)``), DEL, whole
/// escape sequences (CSI such as a screen clear, OSC such as a title change, DCS and the rest, whether introduced by
/// ESC or by their C1 forms), the other C1 controls, and the bidirectional overrides and isolates
/// (U+202A–U+202E, U+2066–U+2069). The renderer's own colour codes are added after it, so they survive.
public enum ControlCharacters {
    /// `text` with every control character, escape sequence and bidi override removed; tabs become spaces and
    /// line breaks go, so the result is one line (names, commands and answers echoed back).
    public static func strip(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in sanitize(text).unicodeScalars {
            switch scalar {
            case "\t": scalars.append(" ")
            case "\n": continue
            default: scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    /// `text` with control characters, escape sequences and bidi overrides removed, keeping tabs and newlines
    /// (course pages, quiz prompts, glossary entries, server replies).
    public static func sanitize(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
        var result = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let value = scalars[index].value
            switch value {
            case 0x1B:
                index = skipEscape(scalars, from: index + 1)
            case 0x9B:
                index = skipControlSequence(scalars, from: index + 1)
            case 0x90, 0x98, 0x9D, 0x9E, 0x9F:
                index = skipString(scalars, from: index + 1)
            default:
                if !isUnsafe(scalars[index]) || value == 0x09 || value == 0x0A { result.append(scalars[index]) }
                index += 1
            }
        }
        return String(result)
    }

    /// Whether `scalar` is something ``sanitize(_:)`` removes (tab and newline count, so `strip` sees them).
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    /// After ESC: a CSI (`[`), a string (`]` OSC, `P` DCS, `X` SOS, `^` PM, `_` APC), or a two-character escape
    /// (intermediates, then one final character). Returns the index after the sequence.
    private static func skipEscape(_ scalars: [Unicode.Scalar], from start: Int) -> Int {
        guard start < scalars.count else { return start }
        switch scalars[start] {
        case "[": return skipControlSequence(scalars, from: start + 1)
        case "]", "P", "X", "^", "_": return skipString(scalars, from: start + 1)
        default:
            var index = start
            while index < scalars.count, (0x20...0x2F).contains(scalars[index].value) { index += 1 }
            return index < scalars.count && (0x30...0x7E).contains(scalars[index].value) ? index + 1 : index
        }
    }

    /// A control sequence's parameters and intermediates, then its final character (0x40–0x7E).
    private static func skipControlSequence(_ scalars: [Unicode.Scalar], from start: Int) -> Int {
        var index = start
        while index < scalars.count, (0x20...0x3F).contains(scalars[index].value) { index += 1 }
        return index < scalars.count && (0x40...0x7E).contains(scalars[index].value) ? index + 1 : index
    }

    /// A control string up to its terminator: BEL, ESC `\` or ST (0x9C); an unterminated one runs to the first
    /// line break, which is kept, so a stray introducer cannot swallow the rest of a page.
    private static func skipString(_ scalars: [Unicode.Scalar], from start: Int) -> Int {
        var index = start
        while index < scalars.count {
            switch scalars[index].value {
            case 0x07, 0x9C: return index + 1
            case 0x1B: return index + 1 < scalars.count && scalars[index + 1] == "\\" ? index + 2 : index + 1
            case 0x0A: return index
            default: index += 1
            }
        }
        return index
    }
}
