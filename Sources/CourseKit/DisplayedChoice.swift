import SeededRandom

/// An option or order item as shown to a learner: its display label, the file key it stands for, its text.
public struct DisplayedChoice: Sendable, Hashable {
    /// `a`, `b`, `c`… for options; `1`, `2`, `3`… for order items.
    public let label: String
    public let key: String
    public let text: String

    public init(label: String, key: String, text: String) {
        self.label = label
        self.key = key
        self.text = text
    }
}

extension Question {
    /// The options in a seeded shuffled order, labelled `a`, `b`, `c`… in shown order.
    /// The question id is mixed into the seed, so one seed per attempt shuffles every question differently.
    public func displayOptions(seed: UInt64) -> [DisplayedChoice] {
        let shuffled = options.stablyShuffled(seed: seed ^ SplitMix64.stableHash(id))
        return shuffled.enumerated().map { index, option in
            DisplayedChoice(label: Self.letterLabel(index), key: option.key, text: option.text)
        }
    }

    /// The order items in a seeded shuffled order, labelled `1`, `2`, `3`… in shown order.
    /// The shuffle avoids showing the items already in the right order when another order exists.
    public func displayItems(seed: UInt64) -> [DisplayedChoice] {
        let mixed = seed ^ SplitMix64.stableHash(id)
        var shuffled = items.stablyShuffled(seed: mixed)
        if items.count > 1, shuffled.map(\.key) == items.map(\.key) {
            shuffled = Array(shuffled.dropFirst()) + shuffled.prefix(1)
        }
        return shuffled.enumerated().map { index, item in
            DisplayedChoice(label: String(index + 1), key: item.key, text: item.text)
        }
    }

    /// `a`…`z`, then `aa`, `ab`… for very long option lists.
    static func letterLabel(_ index: Int) -> String {
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        if index < letters.count { return String(letters[index]) }
        return letterLabel(index / letters.count - 1) + String(letters[index % letters.count])
    }
}
