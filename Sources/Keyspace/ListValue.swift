/// A list as two stacks (the head reversed, then the tail), so pushes and pops at
/// either end are amortised O(1) and ranges read without copying.
final class ListValue {
    private var head: [KeyBytes] = []  // reversed: head.last is the first element
    private var tail: [KeyBytes] = []
    private(set) var byteCount = 0

    var count: Int { head.count + tail.count }

    func pushFront(_ item: KeyBytes) {
        head.append(item)
        byteCount += item.count
    }

    func pushBack(_ item: KeyBytes) {
        tail.append(item)
        byteCount += item.count
    }

    func popFront() -> KeyBytes? {
        if head.isEmpty { rebalance(toHead: true) }
        guard let item = head.popLast() else { return nil }
        byteCount -= item.count
        return item
    }

    func popBack() -> KeyBytes? {
        if tail.isEmpty { rebalance(toHead: false) }
        guard let item = tail.popLast() else { return nil }
        byteCount -= item.count
        return item
    }

    subscript(index: Int) -> KeyBytes {
        index < head.count ? head[head.count - 1 - index] : tail[index - head.count]
    }

    /// Replaces the element at `index` (0 ≤ index < count).
    func replace(at index: Int, with item: KeyBytes) {
        if index < head.count {
            let i = head.count - 1 - index
            byteCount += item.count - head[i].count
            head[i] = item
        } else {
            byteCount += item.count - tail[index - head.count].count
            tail[index - head.count] = item
        }
    }

    /// Every element, first to last.
    var elements: [KeyBytes] { Array(head.reversed()) + tail }

    /// Replaces the whole content (for edits in the middle: LINSERT, LREM, LTRIM).
    func replaceAll(_ items: [KeyBytes]) {
        head = []
        tail = items
        byteCount = items.reduce(0) { $0 + $1.count }
    }

    /// Moves half of the other stack over, so alternating pops do not thrash.
    private func rebalance(toHead: Bool) {
        let all = Array(head.reversed()) + tail
        let split = toHead ? (all.count + 1) / 2 : all.count / 2
        head = Array(all[..<split].reversed())
        tail = Array(all[split...])
    }
}
