/// Horizontal bars with a label and a caption per row, readable without colour: the filled part
/// is `█`, the rest `·`, and every bar carries its number as text.
public struct BarChart: Sendable {
    public struct Row: Sendable {
        public var label: String
        public var value: Double
        public var caption: String

        public init(label: String, value: Double, caption: String) {
            self.label = label
            self.value = value
            self.caption = caption
        }
    }

    public var rows: [Row]
    /// The value of a full bar; defaults to the largest row.
    public var scale: Double?
    public var width: Int

    public init(rows: [Row], scale: Double? = nil, width: Int = 30) {
        self.rows = rows
        self.scale = scale
        self.width = max(1, width)
    }

    public func render() -> [String] {
        let top = scale ?? rows.map(\.value).max() ?? 0
        let labelWidth = rows.map(\.label.count).max() ?? 0
        return rows.map { row in
            let share = top > 0 ? max(0, min(1, row.value / top)) : 0
            let filled = Int((share * Double(width)).rounded())
            let label = row.label + String(repeating: " ", count: labelWidth - row.label.count)
            let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
            return "  \(label)  \(bar)  \(row.caption)"
        }
    }
}
