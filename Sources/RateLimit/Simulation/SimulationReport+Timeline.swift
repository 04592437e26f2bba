extension SimulationReport {
    /// Column widths a bucket may have, in milliseconds: round numbers a learner reads at a glance.
    static let bucketSizes: [Int64] = [
        1, 2, 5, 10, 20, 50, 100, 200, 250, 500, 1_000, 2_000, 5_000, 10_000, 15_000, 30_000,
        60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000, 7_200_000, 21_600_000, 43_200_000, 86_400_000,
    ]

    /// The chart's bucket width: the narrowest round width giving at most `columns`
    /// columns, preferring one that divides the window so window edges fall on column edges.
    public static func bucketMilliseconds(span: Int64, window: Int64, columns: Int) -> Int64 {
        let fitting = bucketSizes.filter { ceilDiv(max(1, span), $0) <= Int64(columns) }
        return fitting.first { window % $0 == 0 } ?? fitting.first ?? 86_400_000
    }

    /// A time since t = 0 as a learner reads it: `0 s`, `9.9 s`, `10 s`, `2m`, `0.25 s`.
    public static func formatTime(_ milliseconds: Int64) -> String {
        if milliseconds % 60_000 == 0, milliseconds >= 120_000 { return "\(milliseconds / 60_000)m" }
        let seconds = milliseconds / 1000
        var fraction = String(milliseconds % 1000)
        if milliseconds % 1000 == 0 { return "\(seconds) s" }
        fraction = String(repeating: "0", count: 3 - fraction.count) + fraction
        while fraction.last == "0" { fraction.removeLast() }
        return "\(seconds).\(fraction) s"
    }

    /// The report laid out for a terminal chart, readable without colour: a header, per
    /// algorithm the allowed and rejected requests per time bucket (one shared scale and
    /// time axis, so algorithms stack side by side), the axis ticks, and a summary table of
    /// counts and each algorithm's busiest span. Terminal's `TimelineChart` draws it.
    public func timeline(columns: Int = 60) -> SimulationTimeline {
        let lastTime = runs.flatMap(\.decisions).map(\.tMilliseconds).max() ?? 0
        let span = max(lastTime + 1, windowMilliseconds)
        let bucket = Self.bucketMilliseconds(span: span, window: windowMilliseconds, columns: columns)
        let count = Int(ceilDiv(span, bucket))
        var series: [SimulationTimeline.Series] = []
        for run in runs {
            var allowed = Array(repeating: 0, count: count)
            var rejected = Array(repeating: 0, count: count)
            for decision in run.decisions {
                let column = min(count - 1, Int(decision.tMilliseconds / bucket))
                if decision.allowed { allowed[column] += 1 } else { rejected[column] += 1 }
            }
            series.append(.init(title: "\(run.name): \(run.summary)", allowed: allowed, rejected: rejected))
        }
        let tickEvery = tickSpacing(bucket: bucket, count: count)
        let ticks = stride(from: 0, through: count, by: tickEvery).map {
            SimulationTimeline.Tick(column: $0, label: Self.formatTime(Int64($0) * bucket))
        }
        let scale = series.flatMap { $0.allowed + $0.rejected }.max() ?? 0
        let requests = runs.first?.decisions.count ?? 0
        let firstTime = runs.first?.decisions.first?.tMilliseconds ?? 0
        let arrivals =
            firstTime == lastTime
            ? "all at \(Self.formatTime(lastTime))"
            : "from \(Self.formatTime(firstTime)) to \(Self.formatTime(lastTime))"
        var described = "\(requests) requests \(arrivals)"
        if trafficParts.count == 1 {
            described = trafficParts[0].prefix(1).uppercased() + trafficParts[0].dropFirst()
        } else if !trafficParts.isEmpty {
            described += ": " + trafficParts.joined(separator: "; ")
        }
        let header = [
            "Traffic: \(traffic)",
            """
                \(described) (the chart starts at 0 s). Each column is \(Self.formatTime(bucket)); a full block █ is \
                \(scale) request\(scale == 1 ? "" : "s").
                """,
        ]
        return SimulationTimeline(
            header: header, bucketMilliseconds: bucket, series: series, ticks: ticks, summary: summaryTable())
    }

    private func tickSpacing(bucket: Int64, count: Int) -> Int {
        let perWindow = Int(windowMilliseconds / bucket)
        if windowMilliseconds % bucket == 0, perWindow >= 5, count / perWindow <= 12 { return perWindow }
        return max(1, [5, 10, 12, 15, 20, 30].first { count / $0 <= 8 } ?? count)
    }

    private func summaryTable() -> [String] {
        let nameWidth = max(9, runs.map(\.name.count).max() ?? 0)
        func pad(_ text: String, _ width: Int, left: Bool = false) -> String {
            let fill = String(repeating: " ", count: max(0, width - text.count))
            return left ? fill + text : text + fill
        }
        var lines = [pad("algorithm", nameWidth) + "  allowed  rejected  most admitted within one window or interval"]
        for run in runs {
            let busiest = run.busiest
            var peak = "\(busiest.count) in \(LimitDuration.format(run.spanMilliseconds))"
            if busiest.count > 0, busiest.firstMilliseconds == busiest.lastMilliseconds {
                peak += " (all at \(Self.formatTime(busiest.firstMilliseconds)))"
            } else if busiest.count > 0 {
                peak +=
                    " (\(Self.formatTime(busiest.firstMilliseconds)) to \(Self.formatTime(busiest.lastMilliseconds)))"
            }
            if busiest.count > run.limit {
                let tenths = (busiest.count * 10 + run.limit / 2) / run.limit
                peak += ": \(tenths / 10).\(tenths % 10)× the limit of \(run.limit)"
            }
            lines.append(
                pad(run.name, nameWidth) + "  " + pad("\(run.allowed)", 7, left: true) + "  "
                    + pad("\(run.rejected)", 8, left: true) + "  " + peak)
        }
        return lines
    }
}
