/// A block of a Markdown document, as far as the terminal renderer needs to know.
public indirect enum MarkdownBlock: Sendable, Equatable {
    case heading(level: Int, text: String)
    case paragraph(String)
    case code(language: String, lines: [String])
    case quote([MarkdownBlock])
    case list(ordered: Bool, items: [[MarkdownBlock]])
    case table(header: [String], rows: [[String]], alignments: [TextTable.Alignment])
    case rule
}
