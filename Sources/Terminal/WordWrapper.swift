/// Wraps styled runs into lines no wider than a column budget, painting each word separately so
/// escape sequences never leak across line breaks or into prefixes such as list bullets.
public struct WordWrapper: Sendable {
    let painter: Painter

    public init(painter: Painter) {
        self.painter = painter
    }

    /// Lines of at most `width` visible columns (a single word longer than that keeps its own line).
    public func wrap(_ runs: [StyledRun], width: Int) -> [String] {
        let words = self.words(runs)
        var lines: [String] = []
        var line = ""
        var used = 0
        for word in words {
            let wordWidth = word.reduce(0) { $0 + DisplayWidth.of($1.text) }
            let painted = word.map { painter.paint($0.text, $0.attributes) }.joined()
            if used > 0, used + 1 + wordWidth > width {
                lines.append(line)
                line = ""
                used = 0
            }
            if used > 0 {
                line += " "
                used += 1
            }
            line += painted
            used += wordWidth
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }

    /// Plain-text convenience for ``wrap(_:width:)``.
    public func wrap(_ text: String, width: Int) -> [String] {
        wrap([StyledRun(text)], width: width)
    }

    /// `text` with every space that sits next to another space, or at either end, made a no-break
    /// space, so text whose spacing matters (a quiz option about whitespace) is shown as written.
    public static func keepingRepeatedSpaces(_ text: String) -> String {
        let characters = Array(text)
        var result = ""
        for (index, character) in characters.enumerated() {
            guard character == " " else {
                result.append(character)
                continue
            }
            let before = index == 0 || characters[index - 1] == " "
            let after = index == characters.count - 1 || characters[index + 1] == " "
            result.append(before || after ? "\u{00A0}" : " ")
        }
        return result
    }

    private func words(_ runs: [StyledRun]) -> [[StyledRun]] {
        var words: [[StyledRun]] = []
        var current: [StyledRun] = []
        for run in runs {
            var piece = ""
            for character in run.text {
                if character == " " || character == "\n" || character == "\t" {
                    if !piece.isEmpty { current.append(StyledRun(piece, run.attributes)) }
                    piece = ""
                    if !current.isEmpty { words.append(current) }
                    current = []
                } else {
                    piece.append(character)
                }
            }
            if !piece.isEmpty { current.append(StyledRun(piece, run.attributes)) }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }
}
