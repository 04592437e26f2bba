/// Fits the lines of a fenced code block into a width, so the terminal never wraps code on its own
/// (a terminal-wrapped line loses its indent and reads as two statements). A block is indented by
/// 4 columns, or fewer when that lets its widest line fit; a line too wide even so breaks at the width
/// and each continuation starts with a dim `↪`. Colours carry over a break.
struct CodeWrapper {
    let painter: Painter
    /// What starts a continuation line, before the code.
    static let mark = "↪ "
    static let indent = 4

    /// The block's rendered lines, each at most `width` columns wide.
    func lines(_ code: [String], language: String, width: Int) -> [String] {
        let highlighter = CodeHighlighter(painter: painter)
        let widest = code.map(DisplayWidth.of).max() ?? 0
        // Give up indent (not more) to keep a block unbroken; a block that breaks anyway keeps it.
        let indent = widest > width ? Self.indent : min(Self.indent, width - widest)
        let pad = String(repeating: " ", count: indent)
        let markWidth = DisplayWidth.of(Self.mark)
        let continuation = pad + painter.paint("↪", .dim) + " "
        var lines: [String] = []
        for line in code {
            let highlighted = highlighter.highlight(line, language: language)
            guard DisplayWidth.of(line) + indent > width else {
                lines.append(pad + highlighted)
                continue
            }
            let pieces = Self.split(
                highlighted, first: max(1, width - indent), rest: max(1, width - indent - markWidth))
            for (index, piece) in pieces.enumerated() {
                lines.append((index == 0 ? pad : continuation) + piece)
            }
        }
        return lines
    }

    /// `text` (which may hold ANSI SGR sequences) cut into pieces of at most `first`, then `rest`
    /// visible columns. A piece that ends inside a colour resets it, and the next piece starts it again.
    static func split(_ text: String, first: Int, rest: Int) -> [String] {
        var pieces: [String] = []
        var piece = ""
        var used = 0
        var limit = first
        var active: [String] = []
        var characters = text.makeIterator()
        while let character = characters.next() {
            if character == "\u{1B}" {
                var sequence = String(character)
                while let next = characters.next() {
                    sequence.append(next)
                    if next != "[", let scalar = next.unicodeScalars.first, (0x40...0x7E).contains(scalar.value) {
                        break
                    }
                }
                if sequence == "\u{1B}[0m" { active = [] } else { active.append(sequence) }
                piece += sequence
                continue
            }
            let columns = DisplayWidth.columns(of: character)
            if used + columns > limit, used > 0 {
                if !active.isEmpty { piece += "\u{1B}[0m" }
                pieces.append(piece)
                piece = active.joined()
                used = 0
                limit = rest
            }
            piece.append(character)
            used += columns
        }
        pieces.append(piece)
        return pieces
    }
}
