/// A character grid the Matrix is drawn on: boxes are written as text, edges as direction bits per
/// cell that become box-drawing characters, so crossing and merging lines join cleanly.
struct MatrixCanvas {
    private struct Direction: OptionSet {
        let rawValue: UInt8
        static let up = Direction(rawValue: 1)
        static let down = Direction(rawValue: 2)
        static let left = Direction(rawValue: 4)
        static let right = Direction(rawValue: 8)
    }

    let width: Int
    let height: Int
    private var cells: [[String?]]
    private var edges: [[Direction]]
    private var rowStyles: [[Int: [TextAttribute]]]

    init(width: Int, height: Int) {
        self.width = width
        self.height = height
        cells = Array(repeating: Array(repeating: nil, count: width), count: height)
        edges = Array(repeating: Array(repeating: [], count: width), count: height)
        rowStyles = Array(repeating: [:], count: height)
    }

    mutating func box(x: Int, y: Int, width boxWidth: Int, lines: [String], attributes: [TextAttribute]) {
        let inner = boxWidth - 2
        put(x: x, y: y, "┌" + String(repeating: "─", count: inner) + "┐")
        for (index, line) in lines.enumerated() {
            put(x: x, y: y + 1 + index, "│" + DisplayWidth.padRight(line, to: inner) + "│")
            if y + 1 + index < height { rowStyles[y + 1 + index][x + 1] = attributes }
        }
        put(x: x, y: y + lines.count + 1, "└" + String(repeating: "─", count: inner) + "┘")
    }

    mutating func line(fromX: Int, fromY: Int, toX: Int, toY: Int) {
        if fromY == toY {
            let (start, end) = (min(fromX, toX), max(fromX, toX))
            guard start < end else { return }
            for x in start...end {
                var bits: Direction = []
                if x > start { bits.insert(.left) }
                if x < end { bits.insert(.right) }
                mark(x, fromY, bits)
            }
        } else if fromX == toX {
            let (start, end) = (min(fromY, toY), max(fromY, toY))
            for y in start...end {
                var bits: Direction = []
                if y > start { bits.insert(.up) }
                if y < end { bits.insert(.down) }
                mark(fromX, y, bits)
            }
        }
    }

    mutating func arrow(x: Int, y: Int, symbol: String) {
        guard y >= 0, y < height, x >= 0, x < width else { return }
        cells[y][x] = symbol
    }

    func lines(painter: Painter) -> [String] {
        (0..<height).map { y in
            var line = ""
            var x = 0
            while x < width {
                if let attributes = rowStyles[y][x], painter.colorEnabled {
                    var run = ""
                    while x < width, cells[y][x] != "│" {
                        run += cells[y][x] ?? " "
                        x += 1
                    }
                    line += painter.paint(run, attributes)
                    continue
                }
                line += cells[y][x] ?? glyph(edges[y][x])
                x += 1
            }
            return String(line.reversed().drop { $0 == " " }.reversed())
        }
    }

    private mutating func put(x: Int, y: Int, _ text: String) {
        guard y >= 0, y < height else { return }
        for (offset, character) in text.enumerated() where x + offset < width {
            cells[y][x + offset] = String(character)
        }
    }

    private mutating func mark(_ x: Int, _ y: Int, _ bits: Direction) {
        guard y >= 0, y < height, x >= 0, x < width else { return }
        edges[y][x].formUnion(bits)
    }

    private func glyph(_ bits: Direction) -> String {
        switch bits.rawValue {
        case 0: return " "
        case Direction.up.rawValue, Direction.down.rawValue, 3: return "│"
        case Direction.left.rawValue, Direction.right.rawValue, 12: return "─"
        case 10: return "┌"
        case 6: return "┐"
        case 9: return "└"
        case 5: return "┘"
        case 11: return "├"
        case 7: return "┤"
        case 14: return "┬"
        case 13: return "┴"
        default: return "┼"
        }
    }
}
