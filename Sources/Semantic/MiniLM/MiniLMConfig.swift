import Foundation

/// The fields of the model's `config.json` the encoder depends on.
public struct MiniLMConfig: Sendable, Equatable {
    public var hiddenSize: Int
    public var attentionHeads: Int
    public var layers: Int
    public var intermediateSize: Int
    public var maxPositions: Int
    public var vocabularySize: Int
    public var layerNormEpsilon: Float

    /// Reads `config.json`; only BERT with exact GELU and absolute positions is accepted.
    public init(file path: String) throws {
        guard let data = FileManager.default.contents(atPath: path),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else {
            throw SemanticError.modelCorrupt(file: path, reason: "not a JSON object")
        }
        func int(_ key: String) throws -> Int {
            guard let value = object[key] as? NSNumber, value.intValue > 0 else {
                throw SemanticError.modelCorrupt(file: path, reason: "missing or invalid \(key)")
            }
            return value.intValue
        }
        hiddenSize = try int("hidden_size")
        attentionHeads = try int("num_attention_heads")
        layers = try int("num_hidden_layers")
        intermediateSize = try int("intermediate_size")
        maxPositions = try int("max_position_embeddings")
        vocabularySize = try int("vocab_size")
        layerNormEpsilon = (object["layer_norm_eps"] as? NSNumber)?.floatValue ?? 1e-12
        guard (object["hidden_act"] as? String) == "gelu" else {
            throw SemanticError.modelCorrupt(file: path, reason: "hidden_act must be gelu")
        }
        guard hiddenSize % attentionHeads == 0, hiddenSize % 8 == 0, (hiddenSize / attentionHeads) % 8 == 0 else {
            throw SemanticError.modelCorrupt(file: path, reason: "hidden_size must split into heads of a multiple of 8")
        }
    }
}
