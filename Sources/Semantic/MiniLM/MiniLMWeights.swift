/// The all-MiniLM-L6-v2 parameters in the layouts the encoder wants: packed dense layers,
/// plain arrays for biases and LayerNorm, and embedding tables read from the mapped file.
struct MiniLMWeights: Sendable {
    struct Layer: Sendable {
        let qkv: PackedLinear
        let attentionOutput: PackedLinear
        let attentionNormGain: [Float]
        let attentionNormBias: [Float]
        let intermediate: PackedLinear
        let output: PackedLinear
        let outputNormGain: [Float]
        let outputNormBias: [Float]
    }

    let hidden: Int
    let heads: Int
    let intermediateSize: Int
    let maxPositions: Int
    let vocabularySize: Int
    let epsilon: Float
    let file: SafeTensorsFile
    let positionEmbeddings: [Float]
    let tokenTypeEmbedding: [Float]
    let embeddingNormGain: [Float]
    let embeddingNormBias: [Float]
    let layers: [Layer]

    init(file: SafeTensorsFile, config: MiniLMConfig) throws {
        let h = config.hiddenSize
        let inter = config.intermediateSize
        self.hidden = h
        self.heads = config.attentionHeads
        self.intermediateSize = inter
        self.maxPositions = config.maxPositions
        self.vocabularySize = config.vocabularySize
        self.epsilon = config.layerNormEpsilon
        self.file = file
        guard let words = file.tensors["embeddings.word_embeddings.weight"], words.shape == [config.vocabularySize, h]
        else {
            throw SemanticError.modelCorrupt(file: file.path, reason: "word embeddings missing or of the wrong shape")
        }
        positionEmbeddings = try file.floats("embeddings.position_embeddings.weight", shape: [config.maxPositions, h])
        tokenTypeEmbedding = Array(try file.floats("embeddings.token_type_embeddings.weight")[0..<h])
        embeddingNormGain = try file.floats("embeddings.LayerNorm.weight", shape: [h])
        embeddingNormBias = try file.floats("embeddings.LayerNorm.bias", shape: [h])
        var layers: [Layer] = []
        for l in 0..<config.layers {
            let p = "encoder.layer.\(l)."
            func linear(_ name: String, _ inputs: Int, _ outputs: Int) throws -> PackedLinear {
                PackedLinear(
                    weight: try file.floats(p + name + ".weight", shape: [outputs, inputs]),
                    bias: try file.floats(p + name + ".bias", shape: [outputs]), inputs: inputs, outputs: outputs)
            }
            var qkvWeight: [Float] = []
            var qkvBias: [Float] = []
            for part in ["query", "key", "value"] {
                qkvWeight += try file.floats(p + "attention.self.\(part).weight", shape: [h, h])
                qkvBias += try file.floats(p + "attention.self.\(part).bias", shape: [h])
            }
            layers.append(
                Layer(
                    qkv: PackedLinear(weight: qkvWeight, bias: qkvBias, inputs: h, outputs: 3 * h),
                    attentionOutput: try linear("attention.output.dense", h, h),
                    attentionNormGain: try file.floats(p + "attention.output.LayerNorm.weight", shape: [h]),
                    attentionNormBias: try file.floats(p + "attention.output.LayerNorm.bias", shape: [h]),
                    intermediate: try linear("intermediate.dense", h, inter),
                    output: try linear("output.dense", inter, h),
                    outputNormGain: try file.floats(p + "output.LayerNorm.weight", shape: [h]),
                    outputNormBias: try file.floats(p + "output.LayerNorm.bias", shape: [h])))
        }
        self.layers = layers
    }
}
