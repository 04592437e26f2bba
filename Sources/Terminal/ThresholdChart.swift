/// A plain-text chart of several rates (0…1) against a threshold axis, one column per threshold,
/// each series drawn with its own symbol; used for precision / recall / false-hit sweeps.
public struct ThresholdChart: Sendable {
    /// One curve: a name for the legend, a one-character symbol, and one value in 0…1 per threshold.
    public struct Series: Sendable {
        public var name: String
        public var symbol: Character
        public var values: [Double]

        public init(name: String, symbol: Character, values: [Double]) {
            self.name = name
            self.symbol = symbol
            self.values = values
        }
    }

    public var thresholds: [Double]
    public var series: [Series]
    /// Number of text rows for the 0…1 range.
    public var height: Int

    public init(thresholds: [Double], series: [Series], height: Int = 10) {
        self.thresholds = thresholds
        self.series = series
        self.height = max(2, height)
    }

    /// The chart as lines of text; where series overlap the later one in `series` is shown, and
    /// non-finite values (an undefined rate) are left out.
    public func render() -> [String] {
        let columnWidth = 5
        var lines: [String] = []
        for level in stride(from: height, through: 0, by: -1) {
            let value = Double(level) / Double(height)
            var row = Array(repeating: Character(" "), count: thresholds.count * columnWidth)
            for s in series {
                for (i, v) in s.values.enumerated() where i < thresholds.count && v.isFinite {
                    if Int((max(0, min(1, v)) * Double(height)).rounded()) == level {
                        row[i * columnWidth + columnWidth / 2] = s.symbol
                    }
                }
            }
            let label = level % 2 == 0 ? formatted(value, decimals: 1).leftPadded(to: 4) : "    "
            lines.append("\(label) |" + String(row))
        }
        lines.append("     +" + String(repeating: "-", count: thresholds.count * columnWidth))
        lines.append(
            "      " + thresholds.map { formatted($0, decimals: 2).leftPadded(to: columnWidth - 1) + " " }.joined())
        lines.append(
            "      threshold (cosine similarity)   " + series.map { "\($0.symbol) \($0.name)" }.joined(separator: "   ")
        )
        return lines
    }

    private func formatted(_ value: Double, decimals: Int) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = Int((value * scale).rounded())
        let whole = scaled / Int(scale)
        var fraction = String(scaled % Int(scale))
        while fraction.count < decimals { fraction = "0" + fraction }
        return decimals == 0 ? "\(whole)" : "\(whole).\(fraction)"
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
