/// Eight-lane `exp` and `erf` for the encoder's softmax and GELU, accurate to about 1e-7
/// (the resolution of Float near 1), so they change no output beyond Float rounding.
enum VectorFunctions {
    /// e^x by range reduction x = n·ln2 + r, |r| ≤ ln2/2, and a degree-6 Taylor polynomial
    /// (truncation error below 1.3e-7 relative); 2^n is built in the exponent bits.
    @inline(__always)
    static func exp(_ input: SIMD8<Float>) -> SIMD8<Float> {
        var x = input.replacing(with: -87, where: input .< -87)
        x.replace(with: 88, where: x .> 88)
        // Adding 1.5·2²³ rounds x·log2(e) to an integer held in the low mantissa bits.
        let magic = SIMD8<Float>(repeating: 12_582_912)
        let shifted = x * 1.442_695_04 + magic
        let n = shifted - magic
        var r = x
        r.addProduct(n, SIMD8(repeating: -0.693_145_751_953_125))
        r.addProduct(n, SIMD8(repeating: -1.428_606_765_330_187e-6))
        var p = SIMD8<Float>(repeating: 1.0 / 720)
        p = p * r + 1.0 / 120
        p = p * r + 1.0 / 24
        p = p * r + 1.0 / 6
        p = p * r + 0.5
        p = p * r + 1
        p = p * r + 1
        let integer = unsafeBitCast(shifted, to: SIMD8<Int32>.self) &- 0x4B40_0000
        let bits = (integer &+ 127) &<< 23
        return p * unsafeBitCast(bits, to: SIMD8<Float>.self)
    }

    /// erf(x) = 1 − erfc(|x|) with sign, using the Chebyshev fit of erfc from Numerical Recipes
    /// (`erfcc`, fractional error below 1.2e-7 for every x ≥ 0).
    @inline(__always)
    static func erf(_ x: SIMD8<Float>) -> SIMD8<Float> {
        let z = x.replacing(with: -x, where: x .< 0)
        let t = 1 / (1 + 0.5 * z)
        var p = SIMD8<Float>(repeating: 0.170_872_77)
        p = p * t - 0.822_152_23
        p = p * t + 1.488_515_87
        p = p * t - 1.135_203_98
        p = p * t + 0.278_868_07
        p = p * t - 0.186_288_06
        p = p * t + 0.096_784_18
        p = p * t + 0.374_091_96
        p = p * t + 1.000_023_68
        p = p * t - 1.265_512_23
        let erfc = t * exp(p - z * z)
        let magnitude = 1 - erfc
        return magnitude.replacing(with: -magnitude, where: x .< 0)
    }
}
