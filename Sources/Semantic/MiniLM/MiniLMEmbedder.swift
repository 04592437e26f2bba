import Foundation

/// all-MiniLM-L6-v2 sentence embeddings computed in Swift: BERT tokenizer, the 6-layer encoder,
/// mean pooling over every token (including `[CLS]` and `[SEP]`) and L2 normalisation; 384 dimensions.
public final class MiniLMEmbedder: Embedder, @unchecked Sendable {
    public let name = "minilm"
    public let dimension: Int
    /// The model directory the weights came from.
    public let directory: String
    public let tokenizer: BertTokenizer
    private let encoder: MiniLMEncoder
    private let lock = NSLock()
    private var idleWorkspaces: [EncoderWorkspace] = []

    /// Loads the model from `directory` (see `ModelStore`); throws a clear error if a file is missing.
    public init(directory: String, maxTokens: Int = 256) throws {
        self.directory = directory
        for file in ["config.json", "vocab.txt", "model.safetensors"] {
            let path = (directory as NSString).appendingPathComponent(file)
            guard FileManager.default.fileExists(atPath: path) else {
                throw SemanticError.modelMissing(directory: directory, file: file)
            }
        }
        let config = try MiniLMConfig(file: (directory as NSString).appendingPathComponent("config.json"))
        let limit = min(maxTokens, config.maxPositions)
        tokenizer = try BertTokenizer(
            vocabularyFile: (directory as NSString).appendingPathComponent("vocab.txt"), maxLength: limit)
        guard tokenizer.vocabularySize == config.vocabularySize else {
            throw SemanticError.modelCorrupt(
                file: "vocab.txt",
                reason: "has \(tokenizer.vocabularySize) entries, config says \(config.vocabularySize)")
        }
        let file = try SafeTensorsFile(path: (directory as NSString).appendingPathComponent("model.safetensors"))
        encoder = MiniLMEncoder(weights: try MiniLMWeights(file: file, config: config))
        dimension = config.hiddenSize
    }

    /// Loads the installed model from the default location (`ARCHLAB_MODEL_DIR` or the cache).
    public convenience init(environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        try self.init(directory: ModelStore(environment: environment).directory)
    }

    public func tokens(for text: String) -> [String] {
        tokenizer.encode(text).tokens
    }

    public func embed(_ text: String) throws -> [Float] {
        try embed(ids: tokenizer.encode(text).ids)
    }

    /// Embedding of already tokenised input (ids include `[CLS]` and `[SEP]`).
    public func embed(ids: [Int32]) throws -> [Float] {
        let workspace = takeWorkspace()
        defer { returnWorkspace(workspace) }
        return try encoder.embed(ids: ids, workspace: workspace)
    }

    private func takeWorkspace() -> EncoderWorkspace {
        lock.lock()
        let reused = idleWorkspaces.popLast()
        lock.unlock()
        if let reused { return reused }
        let weights = encoder.weights
        return EncoderWorkspace(
            capacity: tokenizer.maxLength, hiddenSize: weights.hidden, intermediateSize: weights.intermediateSize)
    }

    private func returnWorkspace(_ workspace: EncoderWorkspace) {
        lock.lock()
        idleWorkspaces.append(workspace)
        lock.unlock()
    }
}
