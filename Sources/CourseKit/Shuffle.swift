import SeededRandom

extension Array {
    /// A Fisher-Yates shuffle driven by SplitMix64, stable across platforms (unlike `shuffled()`).
    func stablyShuffled(seed: UInt64) -> [Element] {
        var generator = SplitMix64(seed: seed)
        var result = self
        var index = result.count - 1
        while index > 0 {
            let other = generator.below(index + 1)
            result.swapAt(index, other)
            index -= 1
        }
        return result
    }
}
