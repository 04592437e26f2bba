/// Splits Markdown into blocks: ATX headings, paragraphs, fenced code, block quotes, nested lists,
/// pipe tables and rules — the subset lesson pages use.
public enum MarkdownParser {
    /// The blocks of `markdown`.
    public static func parse(_ markdown: String) -> [MarkdownBlock] {
        var scalars = String.UnicodeScalarView()
        for scalar in markdown.unicodeScalars where scalar != "\r" {
            if scalar == "\t" { scalars.append(contentsOf: "    ".unicodeScalars) } else { scalars.append(scalar) }
        }
        let lines = String(scalars).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        return parse(lines: lines[...])
    }

    static func parse(lines: ArraySlice<String>) -> [MarkdownBlock] {
        var blocks: [MarkdownBlock] = []
        var index = lines.startIndex
        while index < lines.endIndex {
            let line = lines[index]
            let trimmed = line.trimmingLeadingSpaces()
            if trimmed.isEmpty {
                index += 1
            } else if let fence = fenceMarker(trimmed) {
                let language = String(trimmed.dropFirst(fence.count)).strippingSpaces()
                var body: [String] = []
                index += 1
                while index < lines.endIndex, !lines[index].trimmingLeadingSpaces().hasPrefix(fence) {
                    body.append(lines[index])
                    index += 1
                }
                index += 1
                blocks.append(.code(language: language, lines: body))
            } else if let heading = heading(trimmed) {
                blocks.append(heading)
                index += 1
            } else if trimmed.hasPrefix(">") {
                var inner: [String] = []
                while index < lines.endIndex, lines[index].trimmingLeadingSpaces().hasPrefix(">") {
                    var content = lines[index].trimmingLeadingSpaces().dropFirst()
                    if content.hasPrefix(" ") { content = content.dropFirst() }
                    inner.append(String(content))
                    index += 1
                }
                blocks.append(.quote(parse(lines: inner[...])))
            } else if isTableStart(lines, at: index) {
                let table = parseTable(lines, at: &index)
                blocks.append(table)
            } else if isRule(trimmed) {
                blocks.append(.rule)
                index += 1
            } else if listMarker(line) != nil {
                blocks.append(parseList(lines, at: &index))
            } else {
                var text: [String] = []
                while index < lines.endIndex {
                    let current = lines[index].trimmingLeadingSpaces()
                    if current.isEmpty || fenceMarker(current) != nil || heading(current) != nil
                        || current.hasPrefix(">") || isTableStart(lines, at: index)
                        || (!text.isEmpty && listMarker(lines[index]) != nil)
                    {
                        break
                    }
                    text.append(current.strippingSpaces())
                    index += 1
                }
                blocks.append(.paragraph(text.joined(separator: " ")))
            }
        }
        return blocks
    }

    private static func fenceMarker(_ trimmed: String) -> String? {
        if trimmed.hasPrefix("```") { return "```" }
        if trimmed.hasPrefix("~~~") { return "~~~" }
        return nil
    }

    private static func heading(_ trimmed: String) -> MarkdownBlock? {
        let hashes = trimmed.prefix { $0 == "#" }.count
        guard (1...6).contains(hashes) else { return nil }
        let rest = trimmed.dropFirst(hashes)
        guard rest.isEmpty || rest.hasPrefix(" ") else { return nil }
        var text = rest.strippingSpaces()
        while text.hasSuffix("#") { text.removeLast() }
        return .heading(level: hashes, text: text.strippingSpaces())
    }

    private static func isRule(_ trimmed: String) -> Bool {
        let compact = trimmed.filter { $0 != " " }
        guard compact.count >= 3, let first = compact.first, "-*_".contains(first) else { return false }
        return compact.allSatisfy { $0 == first }
    }

    /// The indentation and marker width of a list item line, or nil.
    static func listMarker(_ line: String) -> (indent: Int, width: Int, ordered: Bool)? {
        let indent = line.prefix { $0 == " " }.count
        let rest = line.dropFirst(indent)
        if let first = rest.first, "-*+".contains(first), rest.dropFirst().first == " " {
            return (indent, 2, false)
        }
        let digits = rest.prefix { $0.isNumber }.count
        guard digits > 0, digits < 10 else { return nil }
        let after = rest.dropFirst(digits)
        guard let punctuation = after.first, punctuation == "." || punctuation == ")",
            after.dropFirst().first == " "
        else { return nil }
        return (indent, digits + 2, true)
    }

    private static func parseList(_ lines: ArraySlice<String>, at index: inout Int) -> MarkdownBlock {
        guard let first = listMarker(lines[index]) else { return .paragraph(lines[index]) }
        var items: [[MarkdownBlock]] = []
        while index < lines.endIndex, let marker = listMarker(lines[index]), marker.indent == first.indent,
            marker.ordered == first.ordered
        {
            let contentIndent = marker.indent + marker.width
            var body = [String(lines[index].dropFirst(contentIndent))]
            index += 1
            var sawBlank = false
            while index < lines.endIndex {
                let line = lines[index]
                let indent = line.prefix { $0 == " " }.count
                if line.trimmingLeadingSpaces().isEmpty {
                    sawBlank = true
                    body.append("")
                } else if indent >= contentIndent || (indent > first.indent && listMarker(line) != nil) {
                    body.append(String(line.dropFirst(min(indent, contentIndent))))
                    sawBlank = false
                } else if !sawBlank, listMarker(line) == nil, !line.hasPrefix("#"), !line.hasPrefix("```") {
                    body.append(line.trimmingLeadingSpaces())
                } else {
                    break
                }
                index += 1
            }
            while body.last == "" { body.removeLast() }
            items.append(parse(lines: body[...]))
            if index < lines.endIndex, lines[index].trimmingLeadingSpaces().isEmpty { index += 1 }
        }
        return .list(ordered: first.ordered, items: items)
    }

    private static func isTableStart(_ lines: ArraySlice<String>, at index: Int) -> Bool {
        guard index + 1 < lines.endIndex else { return false }
        let header = lines[index].strippingSpaces()
        let separator = lines[index + 1].strippingSpaces()
        guard header.hasPrefix("|"), separator.hasPrefix("|") else { return false }
        let cells = splitRow(separator)
        return !cells.isEmpty
            && cells.allSatisfy { cell in
                let core = cell.filter { $0 != ":" }
                return !core.isEmpty && core.allSatisfy { $0 == "-" }
            }
    }

    private static func parseTable(_ lines: ArraySlice<String>, at index: inout Int) -> MarkdownBlock {
        let header = splitRow(lines[index].strippingSpaces())
        let alignments: [TextTable.Alignment] = splitRow(lines[index + 1].strippingSpaces()).map { cell in
            if cell.hasPrefix(":") && cell.hasSuffix(":") { return .center }
            if cell.hasSuffix(":") { return .right }
            return .left
        }
        index += 2
        var rows: [[String]] = []
        while index < lines.endIndex, lines[index].strippingSpaces().hasPrefix("|") {
            rows.append(splitRow(lines[index].strippingSpaces()))
            index += 1
        }
        return .table(header: header, rows: rows, alignments: alignments)
    }

    /// The cells of a pipe-table row; `\|` is a literal pipe and pipes inside backticks do not split.
    static func splitRow(_ row: String) -> [String] {
        var cells: [String] = []
        var cell = ""
        var inCode = false
        var previous: Character = " "
        for character in row {
            if character == "`" { inCode.toggle() }
            if character == "|", !inCode, previous != "\\" {
                cells.append(cell)
                cell = ""
            } else if character == "|", previous == "\\" {
                cell.removeLast()
                cell.append(character)
            } else {
                cell.append(character)
            }
            previous = character
        }
        cells.append(cell)
        if row.hasPrefix("|") { cells.removeFirst() }
        if row.hasSuffix("|"), !row.hasSuffix("\\|"), !cells.isEmpty { cells.removeLast() }
        return cells.map { $0.strippingSpaces() }
    }
}

extension String {
    func trimmingLeadingSpaces() -> String {
        String(drop { $0 == " " })
    }

    func strippingSpaces() -> String {
        var slice = Substring(self)
        while slice.first == " " { slice.removeFirst() }
        while slice.last == " " { slice.removeLast() }
        return String(slice)
    }
}

extension Substring {
    func strippingSpaces() -> String {
        String(self).strippingSpaces()
    }
}
