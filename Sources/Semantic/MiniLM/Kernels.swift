import Foundation

/// Row-wise numeric kernels of the BERT encoder over contiguous row-major Float storage.
enum Kernels {
    /// `x[r] = LayerNorm(x[r] + residual[r])` for each row, with learned gain and bias.
    static func addLayerNorm(_ x: UnsafeMutablePointer<Float>, residual: UnsafePointer<Float>?, rows: Int, width: Int,
                             gain: UnsafePointer<Float>, bias: UnsafePointer<Float>, epsilon: Float) {
        for r in 0..<rows {
            let row = x + r * width
            if let residual {
                let res = residual + r * width
                for i in 0..<width { row[i] += res[i] }
            }
            var sum: Float = 0
            for i in 0..<width { sum += row[i] }
            let mean = sum / Float(width)
            var squares: Float = 0
            for i in 0..<width {
                let d = row[i] - mean
                squares += d * d
            }
            let inverse = 1 / (squares / Float(width) + epsilon).squareRoot()
            for i in 0..<width {
                row[i] = (row[i] - mean) * inverse * gain[i] + bias[i]
            }
        }
    }

    /// Exact GELU, `0.5·x·(1 + erf(x/√2))`, evaluated in double precision like the reference.
    static func gelu(_ x: UnsafeMutablePointer<Float>, count: Int) {
        let invSqrt2 = 1 / 2.0.squareRoot()
        for i in 0..<count {
            let v = Double(x[i])
            x[i] = Float(0.5 * v * (1 + erf(v * invSqrt2)))
        }
    }

    /// Numerically stable softmax of one row in place.
    static func softmax(_ row: UnsafeMutablePointer<Float>, count: Int) {
        var maximum = -Float.infinity
        for i in 0..<count { maximum = max(maximum, row[i]) }
        var sum: Float = 0
        for i in 0..<count {
            let e = expf(row[i] - maximum)
            row[i] = e
            sum += e
        }
        let inverse = 1 / sum
        for i in 0..<count { row[i] *= inverse }
    }
}
