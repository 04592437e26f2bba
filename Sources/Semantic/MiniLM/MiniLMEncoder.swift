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
                throw SemanticError.modelCorrupt(
                    file: weights.file.path, reason: "token id \(id) outside the vocabulary")
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
        normalise(
            ws.hidden, residual: UnsafePointer(ws.projected), rows: n, gain: layer.attentionNormGain,
            bias: layer.attentionNormBias)
        layer.intermediate.apply(
            UnsafePointer(ws.hidden), rows: n, into: ws.intermediate, scratch: ws.padding, gelu: true)
        layer.output.apply(UnsafePointer(ws.intermediate), rows: n, into: ws.projected, scratch: ws.padding)
        normalise(
            ws.hidden, residual: UnsafePointer(ws.projected), rows: n, gain: layer.outputNormGain,
            bias: layer.outputNormBias)
    }

    private func normalise(
        _ x: UnsafeMutablePointer<Float>, residual: UnsafePointer<Float>?, rows: Int, gain: [Float], bias: [Float]
    ) {
        gain.withUnsafeBufferPointer { g in
            bias.withUnsafeBufferPointer { b in
                guard let gp = g.baseAddress, let bp = b.baseAddress else { return }
                Kernels.addLayerNorm(
                    x, residual: residual, rows: rows, width: weights.hidden, gain: gp, bias: bp,
                    epsilon: weights.epsilon)
            }
        }
    }

    /// Multi-head self-attention: `context = softmax(Q·Kᵀ/√d)·V` per head, no mask (one sequence).
    /// Keys are transposed per head so scores come 32 at a time from four independent FMA chains;
    /// only one head's `n × n` scores exist at a time, and two query rows share each pass over `V`.
    private func attention(tokens n: Int, workspace ws: EncoderWorkspace) {
        let h = weights.hidden
        let stride = 3 * h
        let dh = h / weights.heads
        let padded = (n + 7) / 8 * 8
        let scale = 1 / Float(dh).squareRoot()
        let kt = ws.keysTransposed
        for head in 0..<weights.heads {
            let q = ws.qkv + head * dh
            let k = ws.qkv + h + head * dh
            let v = ws.qkv + 2 * h + head * dh
            for d in 0..<dh {
                let column = kt + d * padded
                for j in 0..<n { column[j] = k[j * stride + d] }
                for j in n..<padded { column[j] = 0 }
            }
            for i in 0..<n {
                let scores = ws.scores + i * padded
                scoreRow(
                    query: q + i * stride, keysTransposed: kt, padded: padded, headDim: dh, scale: scale, into: scores)
                Kernels.softmax(scores, count: n)
            }
            var i = 0
            if dh == 32 {
                while i + 2 <= n {
                    accumulateContextPair(
                        weights: ws.scores + i * padded, padded: padded, values: v, tokens: n, rowStride: stride,
                        into: ws.context + i * h + head * dh, outStride: h)
                    i += 2
                }
            }
            while i < n {
                accumulateContext(
                    weights: ws.scores + i * padded, values: v, tokens: n, rowStride: stride, headDim: dh,
                    into: ws.context + i * h + head * dh)
                i += 1
            }
        }
    }

    /// `scores[j] = scale · Σ_d q[d] · kt[d][j]` for `j < padded`, 32 keys per pass (four accumulators,
    /// so the FMA latency is hidden), then 8 at a time. Each score sums over `d` in order.
    @inline(__always)
    private func scoreRow(
        query qi: UnsafePointer<Float>, keysTransposed kt: UnsafePointer<Float>, padded: Int, headDim dh: Int,
        scale: Float, into scores: UnsafeMutablePointer<Float>
    ) {
        let out = UnsafeMutableRawPointer(scores)
        var block = 0
        while block + 32 <= padded {
            var c0 = SIMD8<Float>(), c1 = SIMD8<Float>(), c2 = SIMD8<Float>(), c3 = SIMD8<Float>()
            for d in 0..<dh {
                let s = SIMD8<Float>(repeating: qi[d])
                let row = UnsafeRawPointer(kt + d * padded + block)
                c0.addProduct(s, row.loadUnaligned(as: SIMD8<Float>.self))
                c1.addProduct(s, row.loadUnaligned(fromByteOffset: 32, as: SIMD8<Float>.self))
                c2.addProduct(s, row.loadUnaligned(fromByteOffset: 64, as: SIMD8<Float>.self))
                c3.addProduct(s, row.loadUnaligned(fromByteOffset: 96, as: SIMD8<Float>.self))
            }
            out.storeBytes(of: c0 * scale, toByteOffset: block * 4, as: SIMD8<Float>.self)
            out.storeBytes(of: c1 * scale, toByteOffset: block * 4 + 32, as: SIMD8<Float>.self)
            out.storeBytes(of: c2 * scale, toByteOffset: block * 4 + 64, as: SIMD8<Float>.self)
            out.storeBytes(of: c3 * scale, toByteOffset: block * 4 + 96, as: SIMD8<Float>.self)
            block += 32
        }
        while block < padded {
            var acc = SIMD8<Float>()
            for d in 0..<dh {
                let row = UnsafeRawPointer(kt + d * padded + block)
                acc.addProduct(SIMD8(repeating: qi[d]), row.loadUnaligned(as: SIMD8<Float>.self))
            }
            out.storeBytes(of: acc * scale, toByteOffset: block * 4, as: SIMD8<Float>.self)
            block += 8
        }
    }

    /// `accumulateContext` for two consecutive query rows (head dimension 32): eight accumulators,
    /// each value row loaded once for both.
    @inline(__always)
    private func accumulateContextPair(
        weights: UnsafePointer<Float>, padded: Int, values: UnsafePointer<Float>, tokens n: Int, rowStride: Int,
        into out: UnsafeMutablePointer<Float>, outStride: Int
    ) {
        let second = weights + padded
        var a0 = SIMD8<Float>(), a1 = SIMD8<Float>(), a2 = SIMD8<Float>(), a3 = SIMD8<Float>()
        var b0 = SIMD8<Float>(), b1 = SIMD8<Float>(), b2 = SIMD8<Float>(), b3 = SIMD8<Float>()
        for j in 0..<n {
            let row = UnsafeRawPointer(values + j * rowStride)
            let v0 = row.loadUnaligned(as: SIMD8<Float>.self)
            let v1 = row.loadUnaligned(fromByteOffset: 32, as: SIMD8<Float>.self)
            let v2 = row.loadUnaligned(fromByteOffset: 64, as: SIMD8<Float>.self)
            let v3 = row.loadUnaligned(fromByteOffset: 96, as: SIMD8<Float>.self)
            let w = SIMD8<Float>(repeating: weights[j])
            a0.addProduct(w, v0); a1.addProduct(w, v1); a2.addProduct(w, v2); a3.addProduct(w, v3)
            let u = SIMD8<Float>(repeating: second[j])
            b0.addProduct(u, v0); b1.addProduct(u, v1); b2.addProduct(u, v2); b3.addProduct(u, v3)
        }
        let o = UnsafeMutableRawPointer(out)
        o.storeBytes(of: a0, as: SIMD8<Float>.self)
        o.storeBytes(of: a1, toByteOffset: 32, as: SIMD8<Float>.self)
        o.storeBytes(of: a2, toByteOffset: 64, as: SIMD8<Float>.self)
        o.storeBytes(of: a3, toByteOffset: 96, as: SIMD8<Float>.self)
        let p = UnsafeMutableRawPointer(out + outStride)
        p.storeBytes(of: b0, as: SIMD8<Float>.self)
        p.storeBytes(of: b1, toByteOffset: 32, as: SIMD8<Float>.self)
        p.storeBytes(of: b2, toByteOffset: 64, as: SIMD8<Float>.self)
        p.storeBytes(of: b3, toByteOffset: 96, as: SIMD8<Float>.self)
    }

    /// `out[0..<headDim] = Σ_j weights[j] · values[j]`, eight lanes at a time.
    @inline(__always)
    private func accumulateContext(
        weights: UnsafePointer<Float>, values: UnsafePointer<Float>, tokens n: Int, rowStride: Int,
        headDim dh: Int, into out: UnsafeMutablePointer<Float>
    ) {
        let lanes = dh / 8
        if lanes == 4 {
            var a0 = SIMD8<Float>(), a1 = SIMD8<Float>(), a2 = SIMD8<Float>(), a3 = SIMD8<Float>()
            for j in 0..<n {
                let w = SIMD8<Float>(repeating: weights[j])
                let row = UnsafeRawPointer(values + j * rowStride)
                a0.addProduct(w, row.loadUnaligned(as: SIMD8<Float>.self))
                a1.addProduct(w, row.loadUnaligned(fromByteOffset: 32, as: SIMD8<Float>.self))
                a2.addProduct(w, row.loadUnaligned(fromByteOffset: 64, as: SIMD8<Float>.self))
                a3.addProduct(w, row.loadUnaligned(fromByteOffset: 96, as: SIMD8<Float>.self))
            }
            let o = UnsafeMutableRawPointer(out)
            o.storeBytes(of: a0, as: SIMD8<Float>.self)
            o.storeBytes(of: a1, toByteOffset: 32, as: SIMD8<Float>.self)
            o.storeBytes(of: a2, toByteOffset: 64, as: SIMD8<Float>.self)
            o.storeBytes(of: a3, toByteOffset: 96, as: SIMD8<Float>.self)
            return
        }
        out.update(repeating: 0, count: dh)
        for j in 0..<n {
            let w = weights[j]
            let row = values + j * rowStride
            for d in 0..<dh { out[d] += w * row[d] }
        }
    }
}
