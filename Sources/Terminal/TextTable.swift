/// A plain-text table with a header row, drawn with box-drawing lines; columns shrink and their
/// cells wrap so the table fits the width it is given. Cells may contain inline Markdown.
public struct TextTable: Sendable {
    /// Horizontal alignment of a column.
    public enum Alignment: Sendable, Equatable {
        case left, right, center
    }

    public var header: [String]
    public var rows: [[String]]
    public var alignments: [Alignment]

    public init(header: [String], rows: [[String]], alignments: [Alignment] = []) {
        self.header = header
        self.rows = rows
        self.alignments = alignments
    }

    /// The table's lines, each at most `width` columns wide when the columns can shrink that far.
    public func render(width: Int, painter: Painter) -> [String] {
        let columnCount = max(header.count, rows.map(\.count).max() ?? 0)
        guard columnCount > 0 else { return [] }
        let inline = InlineMarkdown(colorEnabled: painter.colorEnabled)
        let headerRuns = (0..<columnCount).map { inline.runs(cell(header, $0), base: [.bold]) }
        let bodyRuns = rows.map { row in (0..<columnCount).map { inline.runs(cell(row, $0)) } }
        let allRows = [headerRuns] + bodyRuns
        var widths = (0..<columnCount).map { column in
            allRows.map { runsWidth($0[column]) }.max() ?? 1
        }
        let overhead = 3 * columnCount + 1
        while widths.reduce(0, +) + overhead > width, let widest = widths.indices.max(by: { widths[$0] < widths[$1] }),
            widths[widest] > 6
        {
            widths[widest] -= 1
        }
        let wrapper = WordWrapper(painter: painter)
        var lines = [border("┌", "┬", "┐", widths)]
        for (rowIndex, row) in allRows.enumerated() {
            let wrapped = row.enumerated().map { wrapper.wrap($0.element, width: widths[$0.offset]) }
            let height = wrapped.map(\.count).max() ?? 1
            for lineIndex in 0..<height {
                var line = "│"
                for column in 0..<columnCount {
                    let text = lineIndex < wrapped[column].count ? wrapped[column][lineIndex] : ""
                    line += " " + align(text, widths[column], alignment(column)) + " │"
                }
                lines.append(line)
            }
            if rowIndex == 0 { lines.append(border("├", "┼", "┤", widths)) }
        }
        lines.append(border("└", "┴", "┘", widths))
        return lines
    }

    private func cell(_ row: [String], _ column: Int) -> String {
        column < row.count ? row[column] : ""
    }

    private func alignment(_ column: Int) -> Alignment {
        column < alignments.count ? alignments[column] : .left
    }

    private func runsWidth(_ runs: [StyledRun]) -> Int {
        runs.reduce(0) { $0 + DisplayWidth.of($1.text) }
    }

    private func border(_ left: String, _ middle: String, _ right: String, _ widths: [Int]) -> String {
        left + widths.map { String(repeating: "─", count: $0 + 2) }.joined(separator: middle) + right
    }

    private func align(_ text: String, _ width: Int, _ alignment: Alignment) -> String {
        let missing = max(0, width - DisplayWidth.of(text))
        switch alignment {
        case .left: return text + String(repeating: " ", count: missing)
        case .right: return String(repeating: " ", count: missing) + text
        case .center:
            let left = missing / 2
            return String(repeating: " ", count: left) + text + String(repeating: " ", count: missing - left)
        }
    }
}
