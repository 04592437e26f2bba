/// Row-wise numeric kernels of the BERT encoder over contiguous row-major Float storage.
enum Kernels {
    /// `x[r] = LayerNorm(x[r] + residual[r])` for each row, with learned gain and bias.
    /// `width` must be a multiple of 8.
    static func addLayerNorm(
        _ x: UnsafeMutablePointer<Float>, residual: UnsafePointer<Float>?, rows: Int, width: Int,
        gain: UnsafePointer<Float>, bias: UnsafePointer<Float>, epsilon: Float
    ) {
        let lanes = width / 8
        let g = UnsafeRawPointer(gain)
        let b = UnsafeRawPointer(bias)
        for r in 0..<rows {
            let row = UnsafeMutableRawPointer(x + r * width)
            var sum = SIMD8<Float>()
            if let residual {
                let res = UnsafeRawPointer(residual + r * width)
                for i in 0..<lanes {
                    let v =
                        row.loadUnaligned(fromByteOffset: i * 32, as: SIMD8<Float>.self)
                        + res.loadUnaligned(fromByteOffset: i * 32, as: SIMD8<Float>.self)
                    row.storeBytes(of: v, toByteOffset: i * 32, as: SIMD8<Float>.self)
                    sum += v
                }
            } else {
                for i in 0..<lanes { sum += row.loadUnaligned(fromByteOffset: i * 32, as: SIMD8<Float>.self) }
            }
            let mean = sum.sum() / Float(width)
            var squares = SIMD8<Float>()
            for i in 0..<lanes {
                let d = row.loadUnaligned(fromByteOffset: i * 32, as: SIMD8<Float>.self) - mean
                squares.addProduct(d, d)
            }
            let inverse = 1 / (squares.sum() / Float(width) + epsilon).squareRoot()
            for i in 0..<lanes {
                let v = (row.loadUnaligned(fromByteOffset: i * 32, as: SIMD8<Float>.self) - mean) * inverse
                let out =
                    v * g.loadUnaligned(fromByteOffset: i * 32, as: SIMD8<Float>.self)
                    + b.loadUnaligned(fromByteOffset: i * 32, as: SIMD8<Float>.self)
                row.storeBytes(of: out, toByteOffset: i * 32, as: SIMD8<Float>.self)
            }
        }
    }

    /// GELU with the error function, `0.5·x·(1 + erf(x/√2))` (not the tanh approximation).
    static func gelu(_ x: UnsafeMutablePointer<Float>, count: Int) {
        let raw = UnsafeMutableRawPointer(x)
        var i = 0
        while i + 8 <= count {
            let v = raw.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
            let y = 0.5 * v * (1 + VectorFunctions.erf(v * 0.707_106_781_186_547_5))
            raw.storeBytes(of: y, toByteOffset: i * 4, as: SIMD8<Float>.self)
            i += 8
        }
        while i < count {
            var lane = SIMD8<Float>(repeating: 0)
            lane[0] = x[i]
            x[i] = (0.5 * lane * (1 + VectorFunctions.erf(lane * 0.707_106_781_186_547_5)))[0]
            i += 1
        }
    }

    /// GELU of eight values, exactly as `gelu(_:count:)` computes each.
    @inline(__always)
    static func gelu(_ v: SIMD8<Float>) -> SIMD8<Float> {
        0.5 * v * (1 + VectorFunctions.erf(v * 0.707_106_781_186_547_5))
    }

    /// Numerically stable softmax of one row in place.
    static func softmax(_ row: UnsafeMutablePointer<Float>, count: Int) {
        var maximum = -Float.infinity
        for i in 0..<count { maximum = max(maximum, row[i]) }
        let raw = UnsafeMutableRawPointer(row)
        var sums = SIMD8<Float>()
        var i = 0
        while i + 8 <= count {
            let e = VectorFunctions.exp(raw.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self) - maximum)
            raw.storeBytes(of: e, toByteOffset: i * 4, as: SIMD8<Float>.self)
            sums += e
            i += 8
        }
        var sum = sums.sum()
        while i < count {
            var lane = SIMD8<Float>(repeating: -.infinity)
            lane[0] = row[i] - maximum
            let e = VectorFunctions.exp(lane)[0]
            row[i] = e
            sum += e
            i += 1
        }
        let inverse = 1 / sum
        for j in 0..<count { row[j] *= inverse }
    }
}
