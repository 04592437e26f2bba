import ArgumentParser
import Semantic

/// `archlab similarity A B` (or `archlab similar A B`, the REPL's name): the plain cosine similarity of two texts.
struct SimilarityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "similarity",
        abstract:
            "Print the cosine similarity of two texts' embeddings (1 = same direction, 0 = unrelated); "
            + "`similar` is the same command.",
        aliases: ["similar"]
    )

    @Argument(help: "First text.")
    var a: String

    @Argument(help: "Second text.")
    var b: String

    @Option(name: .long, help: "Embedder: minilm or lexical (default: minilm when installed, else lexical).")
    var model: String?

    func run() throws {
        let choice = try SemanticCLI.embedder(model)
        do {
            let cosine = try choice.embedder.similarity(a, b)
            print("\(SemanticCLI.fixed(cosine))  cosine similarity (\(choice.embedder.name))")
            if model == nil { SemanticCLI.printNote(choice.note) }
        } catch {
            SemanticCLI.printError("\(error)")
            throw ExitCode(1)
        }
    }
}
