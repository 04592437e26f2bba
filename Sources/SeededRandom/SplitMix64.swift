/// SplitMix64: a tiny, fast generator whose sequence depends only on its seed, identical on every
/// platform and run. Everything random in ArchLab draws from it — option order, SPOP and eviction
/// sampling, simulated traffic, the simulated LLM, index construction — so the same seed always
/// gives the same result (Swift's own generator and `hashValue` are randomised per process).
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A value in `0..<bound` (`bound` > 0); the modulo bias is negligible for the small bounds used here.
    public mutating func below(_ bound: Int) -> Int {
        Int(next() % UInt64(bound))
    }

    /// A uniform double in [0, 1).
    public mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A stable 64-bit FNV-1a hash of a string, for mixing names into seeds.
    public static func stableHash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    /// A generator for one named stream of a run, so draws added to one stream (the workload)
    /// leave another (the LLM's jitter) unchanged.
    public static func derived(seed: UInt64, _ label: String) -> SplitMix64 {
        SplitMix64(seed: seed ^ stableHash(label))
    }
}
