/// A timeline of counts per time bucket, drawn as one row of bar glyphs per series
/// (`▁▂▃▄▅▆▇█`, blank for zero) above a shared time axis. Every row uses the same
/// scale, so rows stacked for comparison can be read against each other; nothing
/// depends on colour.
public struct TimelineChart: Sendable {
    /// One labelled row of counts, one count per bucket.
    public struct Row: Sendable, Hashable {
        public var label: String
        public var counts: [Int]

        public init(label: String, counts: [Int]) {
            self.label = label
            self.counts = counts
        }
    }

    /// A group of rows under a heading (for example one algorithm's allowed and rejected rows).
    public struct Group: Sendable, Hashable {
        public var title: String
        public var rows: [Row]

        public init(title: String, rows: [Row]) {
            self.title = title
            self.rows = rows
        }
    }

    /// The glyphs for one to eight eighths of the tallest count; zero is a blank.
    public static let levels: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    public var groups: [Group]
    /// Label under the first column of each tick, e.g. `["0 s", "10 s", "20 s"]` at `tickColumns`.
    public var ticks: [(column: Int, label: String)]

    public init(groups: [Group], ticks: [(column: Int, label: String)]) {
        self.groups = groups
        self.ticks = ticks
    }

    /// The tallest count in any row: the height of a full `█`.
    public var scale: Int {
        groups.flatMap(\.rows).flatMap(\.counts).max() ?? 0
    }

    /// The glyph for `count` on a chart whose tallest bar is `scale`.
    public static func glyph(_ count: Int, scale: Int) -> Character {
        guard count > 0, scale > 0 else { return " " }
        let level = min(levels.count, max(1, (count * levels.count + scale - 1) / scale))
        return levels[level - 1]
    }

    /// The chart as lines: each group's title, its rows between `│` rails, then the time axis.
    public func render() -> [String] {
        let columns = groups.flatMap(\.rows).map(\.counts.count).max() ?? 0
        let labelWidth = (groups.flatMap(\.rows).map(\.label.count).max() ?? 0) + 2
        let scale = self.scale
        var lines: [String] = []
        for group in groups {
            lines.append(group.title)
            for row in group.rows {
                var line =
                    "  " + row.label + String(repeating: " ", count: max(0, labelWidth - 2 - row.label.count)) + " │"
                for index in 0..<columns {
                    line.append(Self.glyph(index < row.counts.count ? row.counts[index] : 0, scale: scale))
                }
                line.append("│")
                lines.append(line)
            }
        }
        lines.append(contentsOf: axis(columns: columns, indent: labelWidth + 1))
        return lines
    }

    private func axis(columns: Int, indent: Int) -> [String] {
        var rule = Array(repeating: Character("─"), count: columns)
        var labels = Array(repeating: Character(" "), count: columns + 12)
        var nextFree = 0
        for tick in ticks.sorted(by: { $0.column < $1.column }) where tick.column >= 0 && tick.column <= columns {
            if tick.column < columns { rule[tick.column] = "┬" }
            guard tick.column >= nextFree, tick.column + tick.label.count <= labels.count else { continue }
            for (offset, character) in tick.label.enumerated() {
                labels[tick.column + offset] = character
            }
            nextFree = tick.column + tick.label.count + 1
        }
        let pad = String(repeating: " ", count: indent)
        let labelLine = String(labels).replacingTrailingSpaces()
        return [pad + "└" + String(rule) + "┘", pad + " " + labelLine]
    }
}

extension String {
    fileprivate func replacingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
