import ArgumentParser
import Foundation
import Semantic
import Terminal

/// `archlab semantic …`: threshold tools for semantic caching.
struct SemanticCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "semantic",
        abstract: "Semantic caching tools: sweep a similarity threshold over labelled prompt pairs.",
        subcommands: [Sweep.self, SemanticBenchCommand.self]
    )

    struct Sweep: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Precision, recall and false-hit rate of 'hit when cosine ≥ threshold' over labelled prompt pairs."
        )

        @Option(name: .long, help: "Embedder: minilm or lexical (default: minilm when installed, else lexical).")
        var model: String?

        @Option(name: .long, help: "Pairs file: kind<TAB>prompt<TAB>prompt per line (kinds: paraphrase, negation, entity, number). Default: the built-in set.")
        var dataset: String?

        @Flag(name: .long, help: "Also list every pair with its similarity.")
        var pairs = false

        func run() throws {
            let data: SweepDataset
            do {
                if let dataset {
                    guard let contents = FileManager.default.contents(atPath: dataset) else {
                        SemanticCLI.printError("\(dataset): cannot read the dataset file")
                        throw ExitCode(2)
                    }
                    data = try SweepDataset(name: dataset, text: String(decoding: contents, as: UTF8.self))
                } else {
                    data = try SweepDataset.builtIn()
                }
            } catch let error as SemanticError {
                SemanticCLI.printError("\(error)")
                throw ExitCode(2)
            }
            let choice = try SemanticCLI.embedder(model)
            let sweep: ThresholdSweep
            do {
                sweep = try ThresholdSweep(dataset: data, embedder: choice.embedder)
            } catch {
                SemanticCLI.printError("\(error)")
                throw ExitCode(1)
            }
            let counts = data.counts
            print(choice.note)
            print("dataset: \(data.name): \(counts[.paraphrase] ?? 0) paraphrases (should hit); near-misses that must not: "
                + "\(counts[.negation] ?? 0) negations, \(counts[.entity] ?? 0) other entities, \(counts[.number] ?? 0) other numbers")
            print("a pair hits when its cosine similarity ≥ threshold\n")
            let rows = sweep.rows()
            print(SweepReport.table(rows))
            print("")
            let chart = ThresholdChart(thresholds: rows.map { Double($0.threshold) }, series: [
                .init(name: "recall", symbol: "R", values: rows.map(\.recall)),
                .init(name: "precision", symbol: "P", values: rows.map(\.precision)),
                .init(name: "false-hit rate", symbol: "F", values: rows.map(\.falseHitRate)),
            ])
            chart.render().forEach { print($0) }
            print("")
            print(SweepReport.summary(sweep))
            if pairs {
                print("")
                for item in sweep.scored.sorted(by: { $0.similarity > $1.similarity }) {
                    print("\(SemanticCLI.fixed(item.similarity, 4))  \(item.pair.kind.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0))  \(item.pair.a)  |  \(item.pair.b)")
                }
            }
        }
    }
}

/// Text rendering of a threshold sweep.
enum SweepReport {
    static func table(_ rows: [ThresholdSweep.Row]) -> String {
        var lines = ["threshold  precision  recall  false-hit  hits(TP/FP)  false hits: negation entity number"]
        for row in rows {
            let kinds = [SweepDataset.Kind.negation, .entity, .number].map { String(row.falseHitsByKind[$0] ?? 0) }
            let counts = String(format: "%9.2f  %9.3f  %6.3f  %9.3f  %5d/%-5d", Double(row.threshold), row.precision, row.recall,
                                row.falseHitRate, row.truePositives, row.falsePositives)
            lines.append(counts + pad(kinds[0], 23) + pad(kinds[1], 7) + pad(kinds[2], 7))
        }
        return lines.joined(separator: "\n")
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }

    static func summary(_ sweep: ThresholdSweep) -> String {
        var lines: [String] = []
        let hits = sweep.scored.filter { $0.pair.kind.shouldHit }.map(\.similarity)
        let misses = sweep.scored.filter { !$0.pair.kind.shouldHit }.map(\.similarity)
        if let lowHit = hits.min(), let highMiss = misses.max() {
            lines.append("weakest paraphrase: \(SemanticCLI.fixed(lowHit, 3)); strongest near-miss: \(SemanticCLI.fixed(highMiss, 3))"
                + (lowHit > highMiss ? " (one threshold separates them)" : " (no single threshold separates every paraphrase from every near-miss)"))
        }
        if let safe = sweep.lowestSafeThreshold() {
            lines.append(String(format: "lowest listed threshold with no false hit: %.2f (recall %.3f)", Double(safe.threshold), safe.recall))
        } else {
            lines.append("no listed threshold avoids every false hit while still hitting a paraphrase")
        }
        return lines.joined(separator: "\n")
    }
}
