import RateLimit

extension SeededGenerator {
    /// A uniform double in [0, 1).
    mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A generator for one named stream of a run, so adding draws to one stream (say, the
    /// workload) leaves another (the LLM's jitter) unchanged.
    static func derived(seed: UInt64, _ label: String) -> SeededGenerator {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in label.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        return SeededGenerator(seed: seed ^ hash)
    }
}
