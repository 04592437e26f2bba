/// A dense layer `y = x · Wᵀ + b` whose weights are re-laid out once into column panels of 16
/// outputs (`[panel][input][16]`). `apply` packs the input rows into blocks of six (`[block][input][6]`,
/// zero-padded), then runs a 6-row × 16-column register tile (12 eight-lane FMA accumulators) in
/// the cache-blocked order of a BLAS: for each slice of at most `depthBlock` inputs, for each weight
/// panel, for each row block. One panel's slice (≤ 24 KiB) stays in L1 while every row block passes
/// over it, and the packed rows of one slice (≤ 192 KiB for 128 rows) stay in L2, so each weight is
/// read from memory once per call whatever the number of rows.
struct PackedLinear: Sendable {
    static let panelWidth = 16
    static let rowBlock = 6
    /// Inputs per pass over the panels: 384 × 16 floats of a panel fill 24 KiB of the 32 KiB L1.
    static let depthBlock = 384

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

    /// Floats of scratch `apply` needs for `rows` rows of `inputs` values.
    static func scratchCount(rows: Int, inputs: Int) -> Int {
        (rows + rowBlock - 1) / rowBlock * rowBlock * inputs
    }

    /// Computes `rows` output rows into `y` (row stride `outputs`) from `x` (row stride `inputs`),
    /// then applies GELU to them when `gelu` is set (fused into the last store of each tile).
    /// `scratch` must hold `scratchCount(rows:inputs:)` floats: the packed rows.
    func apply(
        _ x: UnsafePointer<Float>, rows: Int, into y: UnsafeMutablePointer<Float>,
        scratch: UnsafeMutablePointer<Float>, gelu: Bool = false
    ) {
        let block = PackedLinear.rowBlock
        let blocks = (rows + block - 1) / block
        let n = inputs
        // Pack: block b holds x[6b + r][k] at (b·n + k)·6 + r, rows past the end as zeros.
        for b in 0..<blocks {
            let target = scratch + b * n * block
            for r in 0..<block {
                let row = b * block + r
                if row < rows {
                    let source = x + row * n
                    for k in 0..<n { target[k * block + r] = source[k] }
                } else {
                    for k in 0..<n { target[k * block + r] = 0 }
                }
            }
        }
        packed.withUnsafeBufferPointer { w in
            bias.withUnsafeBufferPointer { b in
                guard let wBase = w.baseAddress, let bBase = b.baseAddress else { return }
                var depthStart = 0
                while depthStart < n {
                    let depth = min(PackedLinear.depthBlock, n - depthStart)
                    let first = depthStart == 0
                    let last = depthStart + depth == n
                    for panel in 0..<panels {
                        let wp = wBase + (panel * n + depthStart) * PackedLinear.panelWidth
                        let column = panel * PackedLinear.panelWidth
                        let lanes = min(PackedLinear.panelWidth, outputs - column)
                        for rb in 0..<blocks {
                            kernel(
                                UnsafePointer(scratch + (rb * n + depthStart) * block), weights: wp, depth: depth,
                                start: first ? UnsafePointer(bBase + column) : nil,
                                into: y + rb * block * outputs + column, lanes: lanes,
                                validRows: min(block, rows - rb * block), gelu: gelu && last)
                        }
                    }
                    depthStart += depth
                }
            }
        }
    }

    /// One 6 × 16 tile over `depth` inputs. Starts from `start` (the bias) when given, else from
    /// the partial sums already in `y`.
    @inline(__always)
    private func kernel(
        _ a: UnsafePointer<Float>, weights: UnsafePointer<Float>, depth: Int, start: UnsafePointer<Float>?,
        into y: UnsafeMutablePointer<Float>, lanes: Int, validRows: Int, gelu: Bool
    ) {
        let out = outputs
        var a00: SIMD8<Float>, a01: SIMD8<Float>, a10: SIMD8<Float>, a11: SIMD8<Float>
        var a20: SIMD8<Float>, a21: SIMD8<Float>, a30: SIMD8<Float>, a31: SIMD8<Float>
        var a40: SIMD8<Float>, a41: SIMD8<Float>, a50: SIMD8<Float>, a51: SIMD8<Float>
        if let start {
            let (b0, b1) = load(start, lanes: lanes)
            a00 = b0; a01 = b1; a10 = b0; a11 = b1; a20 = b0; a21 = b1
            a30 = b0; a31 = b1; a40 = b0; a41 = b1; a50 = b0; a51 = b1
        } else {
            (a00, a01) = load(UnsafePointer(y), lanes: lanes)
            (a10, a11) = validRows > 1 ? load(UnsafePointer(y + out), lanes: lanes) : (.zero, .zero)
            (a20, a21) = validRows > 2 ? load(UnsafePointer(y + 2 * out), lanes: lanes) : (.zero, .zero)
            (a30, a31) = validRows > 3 ? load(UnsafePointer(y + 3 * out), lanes: lanes) : (.zero, .zero)
            (a40, a41) = validRows > 4 ? load(UnsafePointer(y + 4 * out), lanes: lanes) : (.zero, .zero)
            (a50, a51) = validRows > 5 ? load(UnsafePointer(y + 5 * out), lanes: lanes) : (.zero, .zero)
        }
        let wp = UnsafeRawPointer(weights)
        for k in 0..<depth {
            let w0 = wp.loadUnaligned(fromByteOffset: k * 64, as: SIMD8<Float>.self)
            let w1 = wp.loadUnaligned(fromByteOffset: k * 64 + 32, as: SIMD8<Float>.self)
            let x = a + k * 6
            var s = SIMD8<Float>(repeating: x[0])
            a00.addProduct(s, w0); a01.addProduct(s, w1)
            s = SIMD8<Float>(repeating: x[1])
            a10.addProduct(s, w0); a11.addProduct(s, w1)
            s = SIMD8<Float>(repeating: x[2])
            a20.addProduct(s, w0); a21.addProduct(s, w1)
            s = SIMD8<Float>(repeating: x[3])
            a30.addProduct(s, w0); a31.addProduct(s, w1)
            s = SIMD8<Float>(repeating: x[4])
            a40.addProduct(s, w0); a41.addProduct(s, w1)
            s = SIMD8<Float>(repeating: x[5])
            a50.addProduct(s, w0); a51.addProduct(s, w1)
        }
        store(a00, a01, y, lanes: lanes, gelu: gelu)
        if validRows > 1 { store(a10, a11, y + out, lanes: lanes, gelu: gelu) }
        if validRows > 2 { store(a20, a21, y + 2 * out, lanes: lanes, gelu: gelu) }
        if validRows > 3 { store(a30, a31, y + 3 * out, lanes: lanes, gelu: gelu) }
        if validRows > 4 { store(a40, a41, y + 4 * out, lanes: lanes, gelu: gelu) }
        if validRows > 5 { store(a50, a51, y + 5 * out, lanes: lanes, gelu: gelu) }
    }

    @inline(__always)
    private func load(_ y: UnsafePointer<Float>, lanes: Int) -> (SIMD8<Float>, SIMD8<Float>) {
        if lanes == 16 {
            let raw = UnsafeRawPointer(y)
            return (
                raw.loadUnaligned(as: SIMD8<Float>.self), raw.loadUnaligned(fromByteOffset: 32, as: SIMD8<Float>.self)
            )
        }
        var lo = SIMD8<Float>(), hi = SIMD8<Float>()
        for i in 0..<lanes {
            if i < 8 { lo[i] = y[i] } else { hi[i - 8] = y[i] }
        }
        return (lo, hi)
    }

    @inline(__always)
    private func store(
        _ lo: SIMD8<Float>, _ hi: SIMD8<Float>, _ y: UnsafeMutablePointer<Float>, lanes: Int, gelu: Bool
    ) {
        var lo = lo, hi = hi
        if gelu {
            lo = Kernels.gelu(lo)
            hi = Kernels.gelu(hi)
        }
        if lanes == 16 {
            UnsafeMutableRawPointer(y).storeBytes(of: lo, as: SIMD8<Float>.self)
            UnsafeMutableRawPointer(y).storeBytes(of: hi, toByteOffset: 32, as: SIMD8<Float>.self)
        } else {
            for i in 0..<lanes { y[i] = i < 8 ? lo[i] : hi[i - 8] }
        }
    }
}
