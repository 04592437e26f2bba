/// The Architect Matrix as the terminal draws it: one box per node at its grid position, showing a
/// state symbol and word (so it reads without colour), arrows from each requirement to its dependant.
public struct MatrixDrawing: Sendable {
    /// A node's state for the learner.
    public enum NodeState: Sendable, Equatable {
        case unlocked, available, locked

        /// The symbol shown before the title.
        public var symbol: String {
            switch self {
            case .unlocked: return "✓"
            case .available: return "○"
            case .locked: return "×"
            }
        }

        /// The word shown under the title.
        public var word: String {
            switch self {
            case .unlocked: return "unlocked"
            case .available: return "available"
            case .locked: return "locked"
            }
        }

        var attributes: [TextAttribute] {
            switch self {
            case .unlocked: return [.green, .bold]
            case .available: return [.yellow]
            case .locked: return [.gray]
            }
        }
    }

    /// One node to draw.
    public struct Node: Sendable, Equatable {
        public var id: String
        public var title: String
        public var column: Int
        public var row: Int
        public var state: NodeState
        public var requires: [String]

        public init(id: String, title: String, column: Int, row: Int, state: NodeState, requires: [String]) {
            self.id = id
            self.title = title
            self.column = column
            self.row = row
            self.state = state
            self.requires = requires
        }
    }

    public var nodes: [Node]

    public init(nodes: [Node]) {
        self.nodes = nodes
    }

    static let rowGap = 1

    /// The drawing's lines, none wider than `maxWidth` (at most 80 is what the course promises).
    public func render(maxWidth: Int = 80, painter: Painter) -> [String] {
        guard !nodes.isEmpty else { return ["(the course defines no Matrix nodes)"] }
        let columns = (nodes.map(\.column).max() ?? 0) + 1
        let rows = (nodes.map(\.row).max() ?? 0) + 1
        var gap = 4
        var boxWidth = min(24, (maxWidth - gap * (columns - 1)) / columns)
        if boxWidth < 16 {
            gap = 3
            boxWidth = min(24, (maxWidth - gap * (columns - 1)) / columns)
        }
        guard boxWidth >= 9 else { return renderList(painter: painter) }
        let pad = boxWidth - 2 >= 12 ? " " : ""
        let textWidth = boxWidth - 2 - pad.count
        let titles = nodes.map { titleLines($0.title, width: textWidth) }
        let titleHeight = min(2, titles.map(\.count).max() ?? 1)
        let boxHeight = titleHeight + 3
        var canvas = MatrixCanvas(
            width: columns * boxWidth + (columns - 1) * gap,
            height: rows * boxHeight + (rows - 1) * Self.rowGap)
        let byID = Dictionary(nodes.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let occupied = Set(nodes.map { [$0.column, $0.row] })
        func left(_ node: Node) -> Int { node.column * (boxWidth + gap) }
        func top(_ node: Node) -> Int { node.row * (boxHeight + Self.rowGap) }

        for (index, node) in nodes.enumerated() {
            var content = Array(titles[index].prefix(titleHeight)).map { pad + $0 }
            while content.count < titleHeight { content.append("") }
            // Narrow boxes keep the symbol alone; the legend below says what it means.
            let state = "\(node.state.symbol) \(node.state.word)"
            content.append(pad + (DisplayWidth.of(state) <= textWidth ? state : node.state.symbol))
            canvas.box(x: left(node), y: top(node), width: boxWidth, lines: content, attributes: node.state.attributes)
        }

        var unrouted: [String] = []
        for node in nodes {
            for requirement in node.requires {
                guard let source = byID[requirement] else { continue }
                let endX = left(node) - 1
                let endY = top(node) + 1
                if node.column == source.column + 1 {
                    let startX = left(source) + boxWidth
                    let turnX = startX + 1
                    let startY = top(source) + 1
                    canvas.line(fromX: startX, fromY: startY, toX: turnX, toY: startY)
                    canvas.line(fromX: turnX, fromY: startY, toX: turnX, toY: endY)
                    canvas.line(fromX: turnX, fromY: endY, toX: endX, toY: endY)
                    canvas.arrow(x: endX, y: endY, symbol: "▶")
                } else if node.row == source.row, node.column > source.column,
                    ((source.column + 1)..<node.column).allSatisfy({ !occupied.contains([$0, node.row]) })
                {
                    canvas.line(fromX: left(source) + boxWidth, fromY: endY, toX: endX, toY: endY)
                    canvas.arrow(x: endX, y: endY, symbol: "▶")
                } else if node.column == source.column, node.row > source.row,
                    ((source.row + 1)..<node.row).allSatisfy({ !occupied.contains([node.column, $0]) })
                {
                    let x = left(node) + boxWidth / 2
                    canvas.line(fromX: x, fromY: top(source) + boxHeight, toX: x, toY: top(node) - 1)
                    canvas.arrow(x: x, y: top(node) - 1, symbol: "▼")
                } else {
                    unrouted.append("\(source.title) → \(node.title)")
                }
            }
        }
        var lines = canvas.lines(painter: painter)
        lines.append("")
        lines.append("✓ unlocked   ○ available (requirements met)   × locked")
        if !unrouted.isEmpty {
            lines.append("Also required: " + unrouted.joined(separator: ", "))
        }
        return lines.map {
            DisplayWidth.of($0) > maxWidth ? DisplayWidth.truncate(DisplayWidth.stripANSI($0), to: maxWidth) : $0
        }
    }

    /// A list form used when the grid is too wide for the screen.
    func renderList(painter: Painter) -> [String] {
        nodes.sorted { ($0.column, $0.row) < ($1.column, $1.row) }.map { node in
            let requires = node.requires.isEmpty ? "" : "  (needs: \(node.requires.joined(separator: ", ")))"
            return painter.paint("\(node.state.symbol) \(node.title)", node.state.attributes) + " — \(node.state.word)"
                + requires
        }
    }

    private func titleLines(_ title: String, width: Int) -> [String] {
        let lines = WordWrapper(painter: .plain).wrap(title, width: width)
        let kept = Array(lines.prefix(2))
        if lines.count > 2, let last = kept.last {
            return [kept[0], DisplayWidth.truncate(last + " " + lines[2...].joined(separator: " "), to: width)]
        }
        return kept.map { DisplayWidth.truncate($0, to: width) }
    }
}
