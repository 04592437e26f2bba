import Foundation
import Semantic
import Terminal

/// Text shared by `archlab embed`/`archlab semantic sweep` and the REPL's `embed`/`semantic sweep`,
/// so both show the same thing.
public enum SemanticPresentation {
    /// A vector as Redis stores a FLOAT32 vector field: four little-endian bytes per number.
    public static func float32Blob(_ vector: [Float]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(vector.count * 4)
        for number in vector {
            let bits = number.bitPattern.littleEndian
            for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: bits >> shift)) }
        }
        return bytes
    }

    /// `0.123456`: a similarity or vector component with a fixed number of decimals.
    public static func fixed(_ value: Float, _ decimals: Int = 6) -> String {
        String(format: "%.\(decimals)f", Double(value))
    }

    /// The model note, dimension, tokens, then the vector eight components per line.
    public static func embeddingLines(
        note: String, embedder: any Embedder, tokens: [String], vector: [Float]
    ) -> [String] {
        var lines = [
            note, "dimension: \(embedder.dimension)", "tokens (\(tokens.count)): \(tokens.joined(separator: " "))",
        ]
        var row: [String] = []
        for (index, value) in vector.enumerated() {
            let text = fixed(value)
            row.append(String(repeating: " ", count: max(0, 10 - text.count)) + text)
            if row.count == 8 || index == vector.count - 1 {
                lines.append(row.joined(separator: " "))
                row.removeAll()
            }
        }
        return lines
    }

    /// The sweep's header, table, chart and summary (and every pair when `pairs`).
    public static func sweepLines(_ sweep: ThresholdSweep, dataset: SweepDataset, note: String, pairs: Bool) -> [String]
    {
        let counts = dataset.counts
        var lines = [
            note,
            """
                dataset: \(dataset.name): \(counts[.paraphrase] ?? 0) paraphrases (should hit); near-misses that must \
                not: 
                """
                + """
                    \(counts[.negation] ?? 0) negations, \(counts[.entity] ?? 0) other entities, \
                    \(counts[.number] ?? 0) other numbers
                    """,
            "a pair hits when its cosine similarity ≥ threshold",
            "",
        ]
        let rows = sweep.rows()
        lines += table(rows)
        lines.append("")
        lines += ThresholdChart(
            thresholds: rows.map { Double($0.threshold) },
            series: [
                .init(name: "recall", symbol: "R", values: rows.map(\.recall)),
                // Precision is undefined where nothing hit: leave those points out.
                .init(
                    name: "precision", symbol: "P",
                    values: rows.map { $0.truePositives + $0.falsePositives == 0 ? .nan : $0.precision }),
                .init(name: "false-hit rate", symbol: "F", values: rows.map(\.falseHitRate)),
            ]
        ).render()
        lines.append("")
        lines += summary(sweep)
        if pairs {
            lines.append("")
            for item in sweep.scored.sorted(by: { $0.similarity > $1.similarity }) {
                lines.append(
                    """
                        \(fixed(item.similarity, 4))  \
                        \(item.pair.kind.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0))  \(item.pair.a)  \
                        |  \(item.pair.b)
                        """
                )
            }
        }
        return lines
    }

    static func table(_ rows: [ThresholdSweep.Row]) -> [String] {
        var lines = ["threshold  precision  recall  false-hit  hits(TP/FP)  false hits: negation entity number"]
        for row in rows {
            let kinds = [SweepDataset.Kind.negation, .entity, .number].map { String(row.falseHitsByKind[$0] ?? 0) }
            let precision =
                row.truePositives + row.falsePositives == 0
                ? "        —" : String(format: "%9.3f", row.precision)
            let counts =
                String(format: "%9.2f  ", Double(row.threshold)) + precision
                + String(
                    format: "  %6.3f  %9.3f  %5d/%-5d", row.recall, row.falseHitRate, row.truePositives,
                    row.falsePositives)
            lines.append(counts + pad(kinds[0], 23) + pad(kinds[1], 7) + pad(kinds[2], 7))
        }
        return lines
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }

    static func summary(_ sweep: ThresholdSweep) -> [String] {
        var lines: [String] = []
        let hits = sweep.scored.filter { $0.pair.kind.shouldHit }.map(\.similarity)
        let misses = sweep.scored.filter { !$0.pair.kind.shouldHit }.map(\.similarity)
        if let lowHit = hits.min(), let highMiss = misses.max() {
            lines.append(
                "weakest paraphrase: \(fixed(lowHit, 3)); strongest near-miss: \(fixed(highMiss, 3))"
                    + (lowHit > highMiss
                        ? " (one threshold separates them)"
                        : " (no single threshold separates every paraphrase from every near-miss)"))
        }
        if let safe = sweep.lowestSafeThreshold() {
            lines.append(
                String(
                    format: "lowest listed threshold with no false hit: %.2f (recall %.3f)", Double(safe.threshold),
                    safe.recall))
        } else {
            lines.append("no listed threshold avoids every false hit while still hitting a paraphrase")
        }
        return lines
    }
}
