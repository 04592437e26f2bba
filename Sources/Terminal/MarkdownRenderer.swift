/// Renders Markdown for the terminal: headings, wrapped paragraphs, emphasis, inline code,
/// highlighted fenced code (soft-wrapped with a `↪` mark when too wide), lists, block quotes and
/// tables, within a given width.
public struct MarkdownRenderer: Sendable {
    public let painter: Painter
    public let width: Int

    public init(painter: Painter, width: Int) {
        self.painter = painter
        self.width = max(width, 20)
    }

    /// The rendered text of `markdown`, lines joined with newlines and no trailing newline.
    public func render(_ markdown: String) -> String {
        renderLines(markdown).joined(separator: "\n")
    }

    /// The rendered lines of `markdown`.
    public func renderLines(_ markdown: String) -> [String] {
        render(blocks: MarkdownParser.parse(markdown), width: width)
    }

    func render(blocks: [MarkdownBlock], width: Int) -> [String] {
        var lines: [String] = []
        for (index, block) in blocks.enumerated() {
            if index > 0 { lines.append("") }
            lines += render(block: block, width: width)
        }
        return lines
    }

    private func render(block: MarkdownBlock, width: Int) -> [String] {
        let inline = InlineMarkdown(colorEnabled: painter.colorEnabled)
        let wrapper = WordWrapper(painter: painter)
        switch block {
        case let .heading(level, text):
            let attributes: [TextAttribute] = level == 1 ? [.bold, .magenta] : level == 2 ? [.bold, .cyan] : [.bold]
            let lines = wrapper.wrap(inline.runs(text, base: attributes), width: width)
            guard level <= 2 else { return lines }
            let underline = String(repeating: level == 1 ? "═" : "─", count: min(width, DisplayWidth.of(text)))
            return lines + [painter.paint(underline, .dim)]
        case let .paragraph(text):
            return wrapper.wrap(inline.runs(text), width: width)
        case let .code(language, codeLines):
            let label = language.isEmpty || language == "text" ? [] : [painter.paint("    ── \(language)", .dim)]
            return label + CodeWrapper(painter: painter).lines(codeLines, language: language, width: width)
        case let .quote(blocks):
            let bar = painter.paint("│", .dim)
            return render(blocks: blocks, width: width - 2).map { "\(bar) \($0)" }
        case let .list(ordered, items):
            var lines: [String] = []
            for (index, item) in items.enumerated() {
                let marker = ordered ? "\(index + 1). " : "• "
                let indent = String(repeating: " ", count: DisplayWidth.of(marker))
                let body = render(blocks: item, width: width - indent.count).filter { !$0.isEmpty }
                for (lineIndex, line) in body.enumerated() {
                    lines.append((lineIndex == 0 ? marker : indent) + line)
                }
            }
            return lines
        case let .table(header, rows, alignments):
            return TextTable(header: header, rows: rows, alignments: alignments).render(width: width, painter: painter)
        case .rule:
            return [painter.paint(String(repeating: "─", count: min(width, 60)), .dim)]
        }
    }
}
