import Foundation

/// Finds characters in course files that would drive a learner's terminal instead of being read: C0 controls but
/// tab and newline (and the carriage return of a CRLF line end), DEL, C1 controls, and the bidirectional
/// overrides and isolates that reorder what is shown (U+202A–U+202E, U+2066–U+2069). Raw in any file, and in
/// TOML files also written as escapes (`\u001B`, `\U0000009B`, `\b`, `\f`, `\r`, `\e`). The REPL removes them
/// anyway (the terminal's sanitiser); lint reports each with its position so the author can.
enum ControlCharacterLint {
    /// At most this many findings per file; a file full of escapes says so once it has reached it.
    static let maxFindingsPerFile = 20

    private static let names: [UInt32: String] = [
        0x07: "BEL", 0x08: "BS", 0x0C: "FF", 0x0D: "CR", 0x1B: "ESC", 0x7F: "DEL", 0x9B: "CSI", 0x9D: "OSC",
    ]

    static func findings(in text: String, relativePath: String) -> [LintFinding] {
        var found: [LintFinding] = []
        var lineNumber = 0
        let isTOML = relativePath.hasSuffix(".toml")
        // A lesson's front matter (between its first two `+++` lines) is TOML too.
        var inFrontMatter = false
        // Split on the scalar: "\r\n" is one Character, so a String split would keep CRLF lines together.
        for line in text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let scalars = Array(line)
            let text = String(String.UnicodeScalarView(scalars))
            let fence = text.trimmingCharacters(in: .whitespacesAndNewlines) == "+++"
            if fence && !isTOML && (lineNumber == 1 || inFrontMatter) { inFrontMatter = lineNumber == 1 }
            for (index, scalar) in scalars.enumerated() where isControl(scalar) {
                if scalar == "\r" && index == scalars.count - 1 { continue }
                found.append(finding(scalar, relativePath, lineNumber, index + 1, escaped: false))
            }
            if isTOML || (inFrontMatter && !fence) {
                found += escapes(in: scalars, relativePath: relativePath, line: lineNumber)
            }
            if found.count >= maxFindingsPerFile { break }
        }
        return Array(found.prefix(maxFindingsPerFile))
    }

    /// Whether `scalar` is a control character course text must not hold (tab and newline are fine).
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A: return false
        case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    /// TOML escapes in basic strings that decode to a control character.
    private static func escapes(in scalars: [Unicode.Scalar], relativePath: String, line: Int) -> [LintFinding] {
        var found: [LintFinding] = []
        var index = 0
        while index < scalars.count {
            guard scalars[index] == "\\", index + 1 < scalars.count else {
                index += 1
                continue
            }
            let kind = scalars[index + 1]
            var decoded: Unicode.Scalar?
            var length = 2
            switch kind {
            case "b": decoded = "\u{08}"
            case "f": decoded = "\u{0C}"
            case "r": decoded = "\r"
            case "e": decoded = "\u{1B}"
            case "u", "U":
                let digits = kind == "u" ? 4 : 8
                if index + 2 + digits <= scalars.count {
                    var hex = String.UnicodeScalarView()
                    hex.append(contentsOf: scalars[(index + 2)..<(index + 2 + digits)])
                    if let value = UInt32(String(hex), radix: 16) {
                        decoded = Unicode.Scalar(value)
                        length = 2 + digits
                    }
                }
            default: break
            }
            if let decoded, isControl(decoded) {
                found.append(finding(decoded, relativePath, line, index + 1, escaped: true))
            }
            index += length
        }
        return found
    }

    private static func finding(
        _ scalar: Unicode.Scalar, _ relativePath: String, _ line: Int, _ column: Int, escaped: Bool
    ) -> LintFinding {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        let bidi = (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
        let name = names[scalar.value].map { " (" + $0 + ")" } ?? ""
        let what = bidi ? "bidirectional control " + code : "control character " + code + name
        return LintFinding(
            file: relativePath, line: line, column: column, code: "control-character",
            message: "\(what)\(escaped ? " written as an escape" : "") in course text: it would drive the learner's "
                + "terminal (escape sequences, overwritten or reordered text); remove it")
    }
}
