/// Colours keywords, strings, numbers and comments in Swift and JavaScript code lines.
/// Other languages, and all code when colour is off, come back unchanged.
public struct CodeHighlighter: Sendable {
    let painter: Painter

    public init(painter: Painter) {
        self.painter = painter
    }

    static let swiftKeywords: Set<String> = [
        "actor", "any", "as", "associatedtype", "async", "await", "break", "case", "catch", "class", "continue",
        "default", "defer", "do", "else", "enum", "extension", "fallthrough", "false", "fileprivate", "final",
        "for", "func", "guard", "if", "import", "in", "init", "inout", "internal", "is", "let", "mutating", "nil",
        "nonisolated", "open", "private", "protocol", "public", "repeat", "rethrows", "return", "self", "Self",
        "some", "static", "struct", "super", "switch", "throw", "throws", "true", "try", "typealias", "var",
        "where", "while",
    ]

    static let javaScriptKeywords: Set<String> = [
        "async", "await", "break", "case", "catch", "class", "const", "continue", "default", "delete", "do",
        "else", "export", "extends", "false", "finally", "for", "from", "function", "if", "import", "in",
        "instanceof", "let", "new", "null", "of", "return", "static", "super", "switch", "this", "throw", "true",
        "try", "typeof", "undefined", "var", "void", "while", "yield",
    ]

    /// The keyword set for a fence's language tag, or nil when the language is not highlighted.
    static func keywords(for language: String) -> Set<String>? {
        switch language.lowercased() {
        case "swift": return swiftKeywords
        case "js", "javascript", "ts", "typescript", "mjs": return javaScriptKeywords
        default: return nil
        }
    }

    /// `line` with its tokens painted for `language`.
    public func highlight(_ line: String, language: String) -> String {
        guard painter.colorEnabled, let keywords = Self.keywords(for: language) else { return line }
        let characters = Array(line)
        var output = ""
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character == "/", index + 1 < characters.count, characters[index + 1] == "/" {
                output += painter.paint(String(characters[index...]), .gray)
                break
            }
            if character == "\"" || character == "'" || character == "`" {
                var end = index + 1
                while end < characters.count, characters[end] != character {
                    end += characters[end] == "\\" ? 2 : 1
                }
                end = min(end, characters.count - 1)
                output += painter.paint(String(characters[index...end]), .green)
                index = end + 1
                continue
            }
            if character.isLetter || character == "_" || character == "#" || character == "@" {
                var end = index + 1
                while end < characters.count,
                    characters[end].isLetter || characters[end].isNumber || characters[end] == "_"
                {
                    end += 1
                }
                let word = String(characters[index..<end])
                output += keywords.contains(word) ? painter.paint(word, .magenta, .bold) : word
                index = end
                continue
            }
            if character.isNumber {
                var end = index + 1
                while end < characters.count,
                    characters[end].isNumber || characters[end] == "." || characters[end] == "_"
                {
                    end += 1
                }
                output += painter.paint(String(characters[index..<end]), .yellow)
                index = end
                continue
            }
            output.append(character)
            index += 1
        }
        return output
    }
}
