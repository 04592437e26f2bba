/// XML text and attribute escaping for the JUnit reports of `grade` and `check`; characters XML 1.0 forbids are
/// dropped.
public enum XMLText {
    /// A double-quoted attribute value: text escaping plus `"` and line breaks.
    public static func attribute(_ text: String) -> String {
        let escaped = escape(text)
        guard escaped.utf8.contains(where: { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n") }) else {
            return "\"" + escaped + "\""
        }
        return "\""
            + escaped.replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "\n", with: "&#10;")
            + "\""
    }

    /// XML text escaping; characters XML 1.0 forbids are dropped.
    public static func escape(_ text: String) -> String {
        let plain = !text.utf8.contains { byte in
            byte < 0x20 || byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
                || byte == 0xEF
        }
        if plain { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            case let control where control.value < 0x20 || control.value == 0xFFFE || control.value == 0xFFFF: continue
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
