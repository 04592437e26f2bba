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
        /// The raw FLOAT32 bytes Redis stores for a vector field, for `redis-cli -x HSET key field`.
        case blob
    }

    @Argument(help: "The text to embed.")
    var text: String

    @Option(name: .long, help: "Embedder: minilm or lexical (default: minilm when installed, else lexical).")
    var model: String?

    @Option(
        name: .long,
        help: """
            Output format: text, json, or blob (the vector's FLOAT32 bytes, little-endian, as Redis stores \
            vectors: pipe into redis-cli -x).
            """)
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
        case .blob:
            FileHandle.standardOutput.write(Data(SemanticPresentation.float32Blob(vector)))
        case .json:
            // Keys in the documented order: model, dimension, tokens, embedding.
            let encoder = JSONEncoder()
            func json<T: Encodable>(_ value: T) throws -> String {
                String(decoding: try encoder.encode(value), as: UTF8.self)
            }
            print(
                "{\"model\":\(try json(embedder.name)),\"dimension\":\(embedder.dimension),"
                    + "\"tokens\":\(try json(tokens)),\"embedding\":\(try json(vector))}")
        case .text:
            SemanticPresentation.embeddingLines(note: choice.note, embedder: embedder, tokens: tokens, vector: vector)
                .forEach { print($0) }
        }
    }
}
