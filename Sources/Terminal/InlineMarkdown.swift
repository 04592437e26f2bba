/// A piece of inline text and the attributes it is shown with.
public struct StyledRun: Sendable, Equatable {
    public var text: String
    public var attributes: [TextAttribute]

    public init(_ text: String, _ attributes: [TextAttribute] = []) {
        self.text = text
        self.attributes = attributes
    }
}

/// Parses Markdown inline syntax — `**strong**`, `*emphasis*`, `` `code` ``, `[text](url)`, backslash
/// escapes — into styled runs. Without colour, inline code keeps its backticks so it stays recognisable.
public struct InlineMarkdown: Sendable {
    let colorEnabled: Bool

    public init(colorEnabled: Bool) {
        self.colorEnabled = colorEnabled
    }

    /// The runs of `text`, each carrying the attributes inherited from `base`.
    public func runs(_ text: String, base: [TextAttribute] = []) -> [StyledRun] {
        let characters = Array(text)
        var runs: [StyledRun] = []
        var plain = ""
        var index = 0

        func flush() {
            if !plain.isEmpty { runs.append(StyledRun(plain, base)) }
            plain = ""
        }

        while index < characters.count {
            let character = characters[index]
            if character == "\\", index + 1 < characters.count,
                characters[index + 1].isPunctuation || characters[index + 1].isSymbol
            {
                plain.append(characters[index + 1])
                index += 2
                continue
            }
            if character == "`", let end = closing(of: "`", in: characters, from: index + 1) {
                flush()
                let code = String(characters[(index + 1)..<end])
                runs.append(colorEnabled ? StyledRun(code, base + [.cyan]) : StyledRun("`\(code)`", base))
                index = end + 1
                continue
            }
            if character == "*" || character == "_" {
                let double = index + 1 < characters.count && characters[index + 1] == character
                let marker = double ? String([character, character]) : String(character)
                let opensWord = index == 0 || !(characters[index - 1].isLetter || characters[index - 1].isNumber)
                let start = index + marker.count
                if opensWord, start < characters.count, characters[start] != " ",
                    let end = closing(of: marker, in: characters, from: start)
                {
                    flush()
                    let inner = String(characters[start..<end])
                    runs += self.runs(inner, base: base + [double ? .bold : .italic])
                    index = end + marker.count
                    continue
                }
            }
            if character == "[", let link = link(in: characters, at: index) {
                flush()
                runs += self.runs(link.label, base: base + [.underline])
                if link.url != link.label {
                    runs.append(StyledRun(" (\(link.url))", colorEnabled ? base + [.dim] : base))
                }
                index = link.end
                continue
            }
            plain.append(character)
            index += 1
        }
        flush()
        return runs
    }

    private func closing(of marker: String, in characters: [Character], from start: Int) -> Int? {
        let pattern = Array(marker)
        var index = start
        while index + pattern.count <= characters.count {
            if marker != "`", characters[index] == "\\" {
                index += 2
                continue
            }
            if Array(characters[index..<(index + pattern.count)]) == pattern, index > start {
                let after = index + pattern.count
                let single = pattern.count == 1 && pattern[0] != "`"
                if single, after < characters.count, characters[after] == pattern[0] {
                    index += 2
                    continue
                }
                if characters[index - 1] != " " || marker == "`" { return index }
            }
            index += 1
        }
        return nil
    }

    private func link(in characters: [Character], at start: Int) -> (label: String, url: String, end: Int)? {
        guard let closeBracket = characters[start...].firstIndex(of: "]"),
            closeBracket + 1 < characters.count, characters[closeBracket + 1] == "(",
            let closeParen = characters[(closeBracket + 1)...].firstIndex(of: ")")
        else { return nil }
        let label = String(characters[(start + 1)..<closeBracket])
        let url = String(characters[(closeBracket + 2)..<closeParen])
        return (label, url, closeParen + 1)
    }
}
