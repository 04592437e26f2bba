/// A dense layer `y = x · Wᵀ + b` whose weights are re-laid out once into column panels of 16
/// outputs (`[panel][input][16]`), so the kernel streams each weight exactly once per call and keeps
/// a 6-row × 16-column block of outputs in registers (12 eight-lane FMA accumulators).
struct PackedLinear: Sendable {
    static let panelWidth = 16
    static let rowBlock = 6

    let inputs: Int
    let outputs: Int
    private let panels: Int
    private let packed: [Float]
    private let bias: [Float]

    /// - Parameters:
    ///   - weight: row-major `[outputs][inputs]` (PyTorch `Linear` layout).
    ///   - bias: `outputs` values.
    init(weight: [Float], bias: [Float], inputs: Int, outputs: Int) {
        self.inputs = inputs
        self.outputs = outputs
        let width = PackedLinear.panelWidth
        let panels = (outputs + width - 1) / width
        self.panels = panels
        var packed = [Float](repeating: 0, count: panels * inputs * width)
        for o in 0..<outputs {
            let panel = o / width
            let lane = o % width
            for k in 0..<inputs {
                packed[(panel * inputs + k) * width + lane] = weight[o * inputs + k]
            }
        }
        self.packed = packed
        var paddedBias = bias
        paddedBias.append(contentsOf: [Float](repeating: 0, count: panels * width - outputs))
        self.bias = paddedBias
    }

    /// Computes `rows` output rows into `y` (row stride `outputs`) from `x` (row stride `inputs`).
    /// `scratch` must hold `rowBlock * inputs` floats; it pads the last partial block of rows.
    func apply(
        _ x: UnsafePointer<Float>, rows: Int, into y: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>
    ) {
        let block = PackedLinear.rowBlock
        let full = rows / block * block
        packed.withUnsafeBufferPointer { w in
            bias.withUnsafeBufferPointer { b in
                guard let wBase = w.baseAddress, let bBase = b.baseAddress else { return }
                var start = 0
                while start < full {
                    kernel(x + start * inputs, weights: wBase, bias: bBase, into: y + start * outputs, validRows: block)
                    start += block
                }
                let rest = rows - full
                if rest > 0 {
                    scratch.update(from: x + full * inputs, count: rest * inputs)
                    (scratch + rest * inputs).update(repeating: 0, count: (block - rest) * inputs)
                    kernel(
                        UnsafePointer(scratch), weights: wBase, bias: bBase, into: y + full * outputs, validRows: rest)
                }
            }
        }
    }

    @inline(__always)
    private func kernel(
        _ x: UnsafePointer<Float>, weights: UnsafePointer<Float>, bias: UnsafePointer<Float>,
        into y: UnsafeMutablePointer<Float>, validRows: Int
    ) {
        let n = inputs
        let out = outputs
        let x0 = x, x1 = x + n, x2 = x + 2 * n, x3 = x + 3 * n, x4 = x + 4 * n, x5 = x + 5 * n
        for panel in 0..<panels {
            let wp = UnsafeRawPointer(weights + panel * n * 16)
            let bp = UnsafeRawPointer(bias + panel * 16)
            let b0 = bp.loadUnaligned(as: SIMD8<Float>.self)
            let b1 = bp.loadUnaligned(fromByteOffset: 32, as: SIMD8<Float>.self)
            var a00 = b0, a01 = b1, a10 = b0, a11 = b1, a20 = b0, a21 = b1
            var a30 = b0, a31 = b1, a40 = b0, a41 = b1, a50 = b0, a51 = b1
            for k in 0..<n {
                let w0 = wp.loadUnaligned(fromByteOffset: k * 64, as: SIMD8<Float>.self)
                let w1 = wp.loadUnaligned(fromByteOffset: k * 64 + 32, as: SIMD8<Float>.self)
                var s = SIMD8<Float>(repeating: x0[k])
                a00.addProduct(s, w0); a01.addProduct(s, w1)
                s = SIMD8<Float>(repeating: x1[k])
                a10.addProduct(s, w0); a11.addProduct(s, w1)
                s = SIMD8<Float>(repeating: x2[k])
                a20.addProduct(s, w0); a21.addProduct(s, w1)
                s = SIMD8<Float>(repeating: x3[k])
                a30.addProduct(s, w0); a31.addProduct(s, w1)
                s = SIMD8<Float>(repeating: x4[k])
                a40.addProduct(s, w0); a41.addProduct(s, w1)
                s = SIMD8<Float>(repeating: x5[k])
                a50.addProduct(s, w0); a51.addProduct(s, w1)
            }
            let column = panel * 16
            let lanes = min(16, out - column)
            store(a00, a01, y + column, lanes: lanes)
            if validRows > 1 { store(a10, a11, y + out + column, lanes: lanes) }
            if validRows > 2 { store(a20, a21, y + 2 * out + column, lanes: lanes) }
            if validRows > 3 { store(a30, a31, y + 3 * out + column, lanes: lanes) }
            if validRows > 4 { store(a40, a41, y + 4 * out + column, lanes: lanes) }
            if validRows > 5 { store(a50, a51, y + 5 * out + column, lanes: lanes) }
        }
    }

    @inline(__always)
    private func store(_ lo: SIMD8<Float>, _ hi: SIMD8<Float>, _ y: UnsafeMutablePointer<Float>, lanes: Int) {
        if lanes == 16 {
            UnsafeMutableRawPointer(y).storeBytes(of: lo, as: SIMD8<Float>.self)
            UnsafeMutableRawPointer(y).storeBytes(of: hi, toByteOffset: 32, as: SIMD8<Float>.self)
        } else {
            for i in 0..<lanes { y[i] = i < 8 ? lo[i] : hi[i - 8] }
        }
    }
}
