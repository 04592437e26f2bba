import ArgumentParser
import Foundation
import LabCommands
import Semantic

/// `archlab semantic …`: threshold tools for semantic caching.
struct SemanticCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "semantic",
        abstract: "Semantic caching tools: sweep a similarity threshold over labelled prompt pairs.",
        subcommands: [Sweep.self, SemanticBenchCommand.self]
    )

    struct Sweep: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Precision, recall and false-hit rate of 'hit when cosine ≥ threshold' over labelled prompt pairs."
        )

        @Option(name: .long, help: "Embedder: minilm or lexical (default: minilm when installed, else lexical).")
        var model: String?

        @Option(
            name: .long,
            help:
                """
                    Pairs file: kind<TAB>prompt<TAB>prompt per line (kinds: paraphrase, negation, entity, number). \
                    Default: the built-in set.
                    """
        )
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
            SemanticPresentation.sweepLines(sweep, dataset: data, note: choice.note, pairs: pairs).forEach { print($0) }
        }
    }
}
