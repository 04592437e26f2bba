/// Edits `Lessons/course.toml` as text, so the author's comments, order and layout survive: appending a lesson
/// file to `lessons = [...]` and a `[[node]]` table at the end.
enum ManifestText {
    /// Why the manifest's text could not be edited.
    struct EditError: Error, CustomStringConvertible {
        let description: String
    }

    /// `text` with `file` appended to the `lessons` array (a new line before the closing `]` of a multi-line
    /// array, else `, "file"` before it).
    static func appendingLesson(_ file: String, to text: String) throws -> String {
        let scalars = Array(text.unicodeScalars)
        guard let start = lessonsArrayStart(scalars) else {
            throw EditError(description: "Lessons/course.toml has no top-level `lessons = [` line")
        }
        guard let close = closingBracket(scalars, openAt: start) else {
            throw EditError(description: "Lessons/course.toml: the `lessons` array is not closed")
        }
        let entry = "\"" + file + "\""
        // The last character that belongs to a value before the `]` (not whitespace, not in a comment).
        let last = lastValueCharacter(scalars, from: start, to: close)
        let needsComma = last != start && scalars[last] != ","
        var lineStart = close
        while lineStart > 0, scalars[lineStart - 1] != "\n" { lineStart -= 1 }
        let closeOnOwnLine = scalars[lineStart..<close].allSatisfy { $0 == " " || $0 == "\t" }
        var result = scalars
        if closeOnOwnLine, lineStart > start {
            let indent = elementIndent(scalars, from: start, to: close) ?? "    "
            result.insert(contentsOf: (indent + entry + ",\n").unicodeScalars, at: lineStart)
            if needsComma { result.insert(",", at: last + 1) }
        } else {
            let separator = last == start ? "" : (needsComma ? ", " : " ")
            result.insert(contentsOf: (separator + entry).unicodeScalars, at: close)
        }
        var string = ""
        string.unicodeScalars.append(contentsOf: result)
        return string
    }

    /// `text` with `table` (a `[[node]]` table) appended, after a newline if the text does not end with one.
    static func appendingTable(_ table: String, to text: String) -> String {
        (text.hasSuffix("\n") || text.isEmpty ? text : text + "\n") + table
    }

    /// The index of the `[` of a top-level `lessons = [` (before the first table header).
    private static func lessonsArrayStart(_ scalars: [Unicode.Scalar]) -> Int? {
        var index = 0
        while index < scalars.count {
            var lineEnd = index
            while lineEnd < scalars.count, scalars[lineEnd] != "\n" { lineEnd += 1 }
            let line = String(String.UnicodeScalarView(scalars[index..<lineEnd]))
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if trimmed.hasPrefix("[") { return nil }
            if trimmed.hasPrefix("lessons") {
                let rest = trimmed.dropFirst("lessons".count).drop { $0 == " " || $0 == "\t" }
                if rest.hasPrefix("="), let offset = line.unicodeScalars.firstIndex(of: "[") {
                    return index + line.unicodeScalars.distance(from: line.unicodeScalars.startIndex, to: offset)
                }
            }
            index = lineEnd + 1
        }
        return nil
    }

    /// The `]` closing the array opened at `open`, skipping strings and comments.
    private static func closingBracket(_ scalars: [Unicode.Scalar], openAt open: Int) -> Int? {
        var depth = 0
        var index = open
        while index < scalars.count {
            switch scalars[index] {
            case "\"", "'":
                index = endOfString(scalars, at: index)
            case "#":
                while index < scalars.count, scalars[index] != "\n" { index += 1 }
            case "[":
                depth += 1
            case "]":
                depth -= 1
                if depth == 0 { return index }
            default:
                break
            }
            index += 1
        }
        return nil
    }

    /// The index of the closing quote of the string starting at `start`.
    private static func endOfString(_ scalars: [Unicode.Scalar], at start: Int) -> Int {
        let quote = scalars[start]
        var index = start + 1
        while index < scalars.count, scalars[index] != quote, scalars[index] != "\n" {
            if quote == "\"", scalars[index] == "\\" { index += 1 }
            index += 1
        }
        return min(index, scalars.count - 1)
    }

    /// The last index in `(start, end)` outside comments that is not whitespace; `start` when there is none.
    private static func lastValueCharacter(_ scalars: [Unicode.Scalar], from start: Int, to end: Int) -> Int {
        var last = start
        var index = start + 1
        while index < end {
            switch scalars[index] {
            case "\"", "'":
                index = endOfString(scalars, at: index)
                last = index
            case "#":
                while index < end, scalars[index] != "\n" { index += 1 }
                continue
            case " ", "\t", "\n", "\r":
                break
            default:
                last = index
            }
            index += 1
        }
        return last
    }

    /// The indentation of the first element line of a multi-line array, if it has one.
    private static func elementIndent(_ scalars: [Unicode.Scalar], from start: Int, to end: Int) -> String? {
        guard let newline = scalars[start..<end].firstIndex(of: "\n") else { return nil }
        var index = newline + 1
        var indent = ""
        while index < end, scalars[index] == " " || scalars[index] == "\t" {
            indent.unicodeScalars.append(scalars[index])
            index += 1
        }
        return index < end && scalars[index] != "\n" ? indent : nil
    }
}
