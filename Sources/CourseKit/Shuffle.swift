/// SplitMix64: a tiny, fast generator whose output depends only on its seed, identical on every
/// platform and run, so a learner sees the same option order for the same seed.
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

    /// A value in `0..<bound` (bound > 0); the tiny modulo bias does not matter for shuffling a few options.
    mutating func next(below bound: Int) -> Int {
        Int(next() % UInt64(bound))
    }

    /// A stable 64-bit FNV-1a hash of a string, for mixing ids into seeds (`hashValue` is randomised per run).
    public static func stableHash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}

extension Array {
    /// A Fisher-Yates shuffle driven by SplitMix64, stable across platforms (unlike `shuffled()`).
    func stablyShuffled(seed: UInt64) -> [Element] {
        var generator = SplitMix64(seed: seed)
        var result = self
        var index = result.count - 1
        while index > 0 {
            let other = generator.next(below: index + 1)
            result.swapAt(index, other)
            index -= 1
        }
        return result
    }
}
