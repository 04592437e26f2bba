import Foundation
import Labs
import Terminal

/// The text form of a scenario report: the numbers, then charts of hit ratio over time, cost
/// against the no-cache baseline, and allowed versus rejected requests per kind of client.
public enum ReportRenderer {
    public static func text(_ report: ScenarioReport, scenario: Scenario) -> String {
        var lines: [String] = []
        lines.append("\(scenario.title)  [scenario \(report.scenario), seed \(report.seed)]")
        lines.append(scenario.summary)
        let parameters = report.parameters.keys.sorted().map { "\($0)=\(report.parameters[$0] ?? "")" }
        lines.append("Parameters: " + parameters.joined(separator: "  "))
        if let embedder = report.embedder {
            lines.append(
                """
                    Embedder:   \
                    \(embedder)\(embedder == "lexical" ? " (lexical: matches near-duplicate wording, not meaning)" : "")
                    """
            )
        }
        lines.append("Prices:     \(report.prices)")
        lines.append("")
        let total = max(1, report.requests)
        func share(_ count: Int) -> String { percent(Double(count) / Double(total)) }
        lines.append("Requests          \(number(report.requests))")
        lines.append("  exact hits      \(pad(report.exactHits))  \(share(report.exactHits))")
        lines.append(
            """
                  semantic hits   \(pad(report.semanticHits))  \(share(report.semanticHits))   wrong answers served: \
                \(report.wrongSemanticHits)
                """
        )
        lines.append(
            """
                  misses (LLM)    \(pad(report.misses))  \(share(report.misses))   LLM errors: \(report.llmErrors) \
                (aborted streams: \(report.streamsAborted))
                """
        )
        lines.append("  rejected (429)  \(pad(report.rejected))  \(share(report.rejected))")
        lines += security(report)
        lines.append("LLM calls         \(number(report.llmCalls))   tokens \(number(report.tokens))")
        let cheaper =
            report.costUSD > 0 ? String(format: ", %.2f× cheaper", report.baselineCostUSD / report.costUSD) : ""
        lines.append(
            """
                Cost              \(dollars(report.costUSD))  vs \(dollars(report.baselineCostUSD)) with no cache and \
                no limit: \(percent(report.savings)) saved\(cheaper)
                """
        )
        lines.append(
            """
                Latency           p50 \(millis(report.latencyMs.p50))  p95 \(millis(report.latencyMs.p95))  p99 \
                \(millis(report.latencyMs.p99))  (answered requests)
                """
        )
        if let comparison = report.comparison, !comparison.isEmpty {
            lines.append("")
            lines += sideBySide(comparison)
        }
        lines.append("")
        lines.append("Hit ratio over time (each row is a tenth of the run)")
        lines += BarChart(
            rows: report.timeline.enumerated().map { index, point in
                let ratio = point.requests > 0 ? Double(point.hits) / Double(point.requests) : 0
                return .init(
                    label: "\((index + 1) * 10)%", value: ratio, caption: "\(percent(ratio)) of \(point.requests)")
            }, scale: 1
        ).render()
        lines.append("")
        lines.append("Cost: this step against no cache and no limit")
        lines += BarChart(rows: [
            .init(label: "baseline", value: report.baselineCostUSD, caption: dollars(report.baselineCostUSD)),
            .init(label: "this step", value: report.costUSD, caption: dollars(report.costUSD)),
        ]).render()
        lines.append("")
        lines.append("Allowed (█) out of all requests per kind of client; the rest got 429")
        lines += BarChart(
            rows: report.byKind.keys.sorted().map { kind in
                let allowed = report.byKind[kind]?.allowed ?? 0
                let rejected = report.byKind[kind]?.rejected ?? 0
                let all = allowed + rejected
                return .init(
                    label: kind, value: all > 0 ? Double(allowed) / Double(all) : 0,
                    caption: "\(number(allowed)) allowed, \(number(rejected)) rejected")
            }, scale: 1
        ).render()
        return lines.joined(separator: "\n") + "\n"
    }

    /// The security lab's lines: answers served to callers they were not written for, with an example each.
    static func security(_ report: ScenarioReport) -> [String] {
        var lines: [String] = []
        func example(_ served: ScenarioReport.ServedExample?, whose: (String) -> String) {
            guard let served else { return }
            let wrapper = WordWrapper(painter: Painter(colorEnabled: false))
            let said = "e.g. \(served.tenant) asked \"\(served.prompt)\" and got \(whose(served.writtenFor)):"
            lines += wrapper.wrap(said, width: 72).map { "    " + $0 }
            lines += wrapper.wrap("\"\(served.answer)\"", width: 70).map { "      " + $0 }
        }
        if let leaked = report.leakedAnswers {
            lines.append("  leaked          \(pad(leaked))  answers written for another tenant")
            example(report.leakExample) { "\($0)'s answer" }
        }
        if let poisoned = report.poisonedAnswers {
            lines.append("  poisoned        \(pad(poisoned))  answers shaped by an attacker's note")
            example(report.poisonExample) { "the answer of the attacker in \($0)" }
        }
        return lines
    }

    /// The same traffic with the exact cache alone, at this run's threshold and at a low one.
    static func sideBySide(_ rows: [ThresholdComparison]) -> [String] {
        func right(_ text: String, _ width: Int) -> String {
            String(repeating: " ", count: max(0, width - text.count)) + text
        }
        func columns(_ label: String, _ hits: String, _ wrong: String, _ saved: String) -> String {
            "  " + label.padding(toLength: 30, withPad: " ", startingAt: 0) + right(hits, 13) + right(wrong, 15)
                + right(saved, 8)
        }
        var lines = [
            "Side by side: the same traffic and seed",
            columns("caches", "semantic hits", "wrong answers", "saved"),
        ]
        for row in rows {
            let label = row.threshold.map { String(format: "exact + semantic at %.2f", $0) } ?? "exact cache only"
            let hits = row.threshold == nil ? "-" : number(row.semanticHits)
            let wrong = row.threshold == nil ? "-" : number(row.wrongSemanticHits)
            lines.append(
                columns(label, hits, wrong, percent(row.savings)) + (row.thisRun ? "  ← this run" : ""))
        }
        return lines
    }

    static func number(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var result = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(character)
        }
        return (value < 0 ? "-" : "") + result
    }

    static func pad(_ value: Int) -> String {
        let text = number(value)
        return String(repeating: " ", count: max(0, 7 - text.count)) + text
    }

    static func percent(_ ratio: Double) -> String {
        String(format: "%5.1f%%", ratio * 100)
    }

    static func dollars(_ value: Double) -> String {
        String(format: "$%.4f", value)
    }

    static func millis(_ value: Double) -> String {
        value < 10 ? String(format: "%.2f ms", value) : number(Int(value.rounded())) + " ms"
    }
}
