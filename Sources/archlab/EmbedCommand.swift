import ArgumentParser
import Foundation
import LabCommands
import Semantic

/// `archlab embed TEXT`: prints a sentence embedding as text or JSON.
struct EmbedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "embed",
        abstract: "Print the embedding of a text (MiniLM when installed, else the lexical embedder)."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text
        case json
    }

    @Argument(help: "The text to embed.")
    var text: String

    @Option(name: .long, help: "Embedder: minilm or lexical (default: minilm when installed, else lexical).")
    var model: String?

    @Option(name: .long, help: "Output format: text or json.")
    var format: Format = .text

    func run() throws {
        let choice = try SemanticCLI.embedder(model)
        let embedder = choice.embedder
        let tokens = embedder.tokens(for: text)
        let vector: [Float]
        do {
            vector = try embedder.embed(text)
        } catch {
            SemanticCLI.printError("\(error)")
            throw ExitCode(1)
        }
        switch format {
        case .json:
            struct Document: Encodable {
                let model: String
                let dimension: Int
                let tokens: [String]
                let embedding: [Float]
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let data = try encoder.encode(Document(model: embedder.name, dimension: embedder.dimension, tokens: tokens, embedding: vector))
            print(String(decoding: data, as: UTF8.self))
        case .text:
            SemanticPresentation.embeddingLines(note: choice.note, embedder: embedder, tokens: tokens, vector: vector).forEach { print($0) }
        }
    }
}
