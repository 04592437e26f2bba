import RateLimit
import Terminal

/// The text of a rate-limit simulation, shared by `archlab limit simulate` and the REPL's `limit simulate`:
/// header, the timeline chart of every algorithm, the summary table.
public enum SimulationText {
    public static func render(_ report: SimulationReport) -> String {
        let timeline = report.timeline()
        let chart = TimelineChart(
            groups: timeline.series.map {
                .init(
                    title: $0.title,
                    rows: [.init(label: "allowed", counts: $0.allowed), .init(label: "rejected", counts: $0.rejected)])
            },
            ticks: timeline.ticks.map { (column: $0.column, label: $0.label) }
        )
        return (timeline.header + [""] + chart.render() + [""] + timeline.summary).joined(separator: "\n") + "\n"
    }
}
