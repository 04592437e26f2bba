/// The BERT encoder forward pass for one sequence, followed by mean pooling and L2 normalisation.
struct MiniLMEncoder: Sendable {
    let weights: MiniLMWeights

    /// Sentence embedding of `ids` (≤ workspace capacity tokens, `[CLS]`/`[SEP]` included).
    func embed(ids: [Int32], workspace ws: EncoderWorkspace) throws -> [Float] {
        let n = ids.count
        let h = weights.hidden
        guard n > 0, n <= ws.capacity, n <= weights.maxPositions else {
            throw SemanticError.modelCorrupt(file: weights.file.path, reason: "sequence of \(n) tokens is out of range")
        }
        try embedTokens(ids, into: ws.hidden)
        normalise(ws.hidden, residual: nil, rows: n, gain: weights.embeddingNormGain, bias: weights.embeddingNormBias)
        for layer in weights.layers {
            layerForward(layer, tokens: n, workspace: ws)
        }
        var pooled = [Float](repeating: 0, count: h)
        for r in 0..<n {
            let row = ws.hidden + r * h
            for i in 0..<h { pooled[i] += row[i] }
        }
        let scale = 1 / Float(n)
        for i in 0..<h { pooled[i] *= scale }
        let length = max(VectorMath.norm(pooled), 1e-12)
        return pooled.map { $0 / length }
    }

    private func embedTokens(_ ids: [Int32], into x: UnsafeMutablePointer<Float>) throws {
        let h = weights.hidden
        for (position, id) in ids.enumerated() {
            guard id >= 0, Int(id) < weights.vocabularySize else {
                throw SemanticError.modelCorrupt(file: weights.file.path, reason: "token id \(id) outside the vocabulary")
            }
            let row = x + position * h
            try weights.file.copyFloats("embeddings.word_embeddings.weight", offset: Int(id) * h, count: h, into: row)
            for i in 0..<h {
                row[i] += weights.positionEmbeddings[position * h + i] + weights.tokenTypeEmbedding[i]
            }
        }
    }

    private func layerForward(_ layer: MiniLMWeights.Layer, tokens n: Int, workspace ws: EncoderWorkspace) {
        layer.qkv.apply(UnsafePointer(ws.hidden), rows: n, into: ws.qkv, scratch: ws.padding)
        attention(tokens: n, workspace: ws)
        layer.attentionOutput.apply(UnsafePointer(ws.context), rows: n, into: ws.projected, scratch: ws.padding)
        normalise(ws.hidden, residual: UnsafePointer(ws.projected), rows: n, gain: layer.attentionNormGain, bias: layer.attentionNormBias)
        layer.intermediate.apply(UnsafePointer(ws.hidden), rows: n, into: ws.intermediate, scratch: ws.padding)
        Kernels.gelu(ws.intermediate, count: n * weights.intermediateSize)
        layer.output.apply(UnsafePointer(ws.intermediate), rows: n, into: ws.projected, scratch: ws.padding)
        normalise(ws.hidden, residual: UnsafePointer(ws.projected), rows: n, gain: layer.outputNormGain, bias: layer.outputNormBias)
    }

    private func normalise(_ x: UnsafeMutablePointer<Float>, residual: UnsafePointer<Float>?, rows: Int, gain: [Float], bias: [Float]) {
        gain.withUnsafeBufferPointer { g in
            bias.withUnsafeBufferPointer { b in
                guard let gp = g.baseAddress, let bp = b.baseAddress else { return }
                Kernels.addLayerNorm(x, residual: residual, rows: rows, width: weights.hidden, gain: gp, bias: bp, epsilon: weights.epsilon)
            }
        }
    }

    /// Multi-head self-attention: `context = softmax(Q·Kᵀ/√d)·V` per head, no mask (one sequence).
    private func attention(tokens n: Int, workspace ws: EncoderWorkspace) {
        let h = weights.hidden
        let stride = 3 * h
        let dh = h / weights.heads
        let scale = 1 / Float(dh).squareRoot()
        for head in 0..<weights.heads {
            let q = ws.qkv + head * dh
            let k = ws.qkv + h + head * dh
            let v = ws.qkv + 2 * h + head * dh
            for i in 0..<n {
                let scores = ws.scores + i * n
                let qi = q + i * stride
                for j in 0..<n {
                    scores[j] = VectorMath.dot(qi, k + j * stride, dh) * scale
                }
                Kernels.softmax(scores, count: n)
                let out = ws.context + i * h + head * dh
                out.update(repeating: 0, count: dh)
                for j in 0..<n {
                    let weight = scores[j]
                    let vj = v + j * stride
                    for d in 0..<dh { out[d] += weight * vj[d] }
                }
            }
        }
    }
}
