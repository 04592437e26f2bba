/// A sorted set: members ordered by score, then by member bytes, as Redis orders them.
final class SortedSetValue {
    struct Item {
        var score: Double
        var member: [UInt8]
    }

    private(set) var items: [Item] = []
    private var scores: [KeyBytes: Double] = [:]
    private(set) var byteCount = 0

    var count: Int { items.count }

    func score(of member: KeyBytes) -> Double? { scores[member] }

    /// Adds or moves a member; returns true when it is new.
    @discardableResult
    func set(_ member: KeyBytes, score: Double) -> Bool {
        if let old = scores[member] {
            if old == score { return false }
            removeItem(member.bytes, score: old)
            scores[member] = score
            insertItem(Item(score: score, member: member.bytes))
            return false
        }
        scores[member] = score
        insertItem(Item(score: score, member: member.bytes))
        byteCount += member.bytes.count
        return true
    }

    @discardableResult
    func remove(_ member: KeyBytes) -> Bool {
        guard let old = scores.removeValue(forKey: member) else { return false }
        removeItem(member.bytes, score: old)
        byteCount -= member.bytes.count
        return true
    }

    /// Removes and returns the `n` lowest-scored items.
    func popMin(_ n: Int) -> [Item] {
        let taken = Array(items.prefix(n))
        items.removeFirst(taken.count)
        for item in taken {
            scores[KeyBytes(item.member)] = nil
            byteCount -= item.member.count
        }
        return taken
    }

    /// Index of the first item whose score is above (or at, when `inclusive`) `bound`.
    func firstIndex(atLeast bound: Double, inclusive: Bool) -> Int {
        var low = 0
        var high = items.count
        while low < high {
            let mid = (low + high) / 2
            let s = items[mid].score
            if inclusive ? s < bound : s <= bound { low = mid + 1 } else { high = mid }
        }
        return low
    }

    func removeRange(_ range: Range<Int>) {
        for item in items[range] {
            scores[KeyBytes(item.member)] = nil
            byteCount -= item.member.count
        }
        items.removeSubrange(range)
    }

    /// The 0-based rank of `member` in score order, nil when absent.
    func rank(of member: KeyBytes) -> Int? {
        guard let score = scores[member] else { return nil }
        let i = position(of: Item(score: score, member: member.bytes))
        return i < items.count && items[i].member == member.bytes ? i : nil
    }

    private func position(of item: Item) -> Int {
        var low = 0
        var high = items.count
        while low < high {
            let mid = (low + high) / 2
            if Self.less(items[mid], item) { low = mid + 1 } else { high = mid }
        }
        return low
    }

    private func insertItem(_ item: Item) {
        items.insert(item, at: position(of: item))
    }

    private func removeItem(_ member: [UInt8], score: Double) {
        let i = position(of: Item(score: score, member: member))
        if i < items.count && items[i].member == member { items.remove(at: i) }
    }

    static func less(_ a: Item, _ b: Item) -> Bool {
        if a.score != b.score { return a.score < b.score }
        return a.member.lexicographicallyPrecedes(b.member)
    }
}
