import Foundation

/// Picks the embedder a command or lab uses: `minilm` or `lexical` when asked for by name, else
/// MiniLM when its files are installed and the lexical embedder otherwise, saying which and why.
public struct EmbedderChoice: Sendable {
    public let embedder: any Embedder
    /// One line for the user, e.g. "model: minilm (all-MiniLM-L6-v2, 384 dimensions)".
    public let note: String

    /// The names accepted by `--model`.
    public static let names = ["minilm", "lexical"]

    /// - Parameter name: `minilm`, `lexical`, or nil for the default.
    /// - Throws: for an unknown name, or when MiniLM was asked for and cannot be loaded.
    public init(name: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        let store = ModelStore(environment: environment)
        switch name?.lowercased() {
        case "minilm":
            embedder = try MiniLMEmbedder(directory: store.directory)
            note = "model: minilm (all-MiniLM-L6-v2, 384 dimensions)"
        case "lexical":
            embedder = LexicalEmbedder()
            note = "model: lexical (feature hashing, 1024 dimensions; matches shared words, not meaning)"
        case nil:
            if store.isPresent {
                embedder = try MiniLMEmbedder(directory: store.directory)
                note = "model: minilm (all-MiniLM-L6-v2, installed in \(store.directory))"
            } else {
                embedder = LexicalEmbedder()
                note = "model: lexical (MiniLM is not installed: `archlab model fetch` installs it)"
            }
        case let other?:
            throw SemanticError.unknownModel(other)
        }
    }
}
