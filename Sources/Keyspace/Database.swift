/// One numbered database: entries stored densely (so eviction and expiry can sample uniformly
/// in O(1)), a hash index from key to position, and the list of keys that carry a TTL.
final class Database {
    private(set) var entries: [Entry] = []
    private var index: [KeyBytes: Int] = [:]
    private(set) var volatileKeys: [Int] = []   // positions in `entries` of keys with a TTL

    var count: Int { entries.count }
    var volatileCount: Int { volatileKeys.count }

    @inline(__always)
    func position(of key: KeyBytes) -> Int? { index[key] }

    @inline(__always)
    func entry(at position: Int) -> Entry { entries[position] }

    /// Mutates one entry's value in place.
    @inline(__always)
    func withEntry<T>(at position: Int, _ body: (inout Entry) -> T) -> T {
        body(&entries[position])
    }

    /// Adds a new key (which must be absent); returns its position.
    @discardableResult
    func insert(_ key: KeyBytes, _ value: StoredValue, expireAt: Int64, access: UInt32) -> Int {
        let position = entries.count
        entries.append(Entry(key: key, value: value, expireAt: 0, volatileSlot: -1, access: access))
        index[key] = position
        if expireAt != 0 { setExpire(at: position, expireAt) }
        return position
    }

    /// Sets (non-zero) or clears (0) the TTL of the entry at `position`.
    func setExpire(at position: Int, _ expireAt: Int64) {
        let slot = entries[position].volatileSlot
        entries[position].expireAt = expireAt
        if expireAt != 0 && slot < 0 {
            entries[position].volatileSlot = Int32(volatileKeys.count)
            volatileKeys.append(position)
        } else if expireAt == 0 && slot >= 0 {
            removeVolatile(slot: Int(slot))
            entries[position].volatileSlot = -1
        }
    }

    /// Removes the entry at `position` (swapping the last entry into its place) and returns it.
    @discardableResult
    func remove(at position: Int) -> Entry {
        let slot = entries[position].volatileSlot
        if slot >= 0 { removeVolatile(slot: Int(slot)) }
        let last = entries.count - 1
        if position != last {
            entries.swapAt(position, last)
            index[entries[position].key] = position
            let movedSlot = entries[position].volatileSlot
            if movedSlot >= 0 { volatileKeys[Int(movedSlot)] = position }
        }
        guard let removed = entries.popLast() else { return entries[position] }
        index[removed.key] = nil
        return removed
    }

    func removeAll() {
        entries = []
        index = [:]
        volatileKeys = []
    }

    /// Position of the `slot`-th key carrying a TTL.
    func volatilePosition(_ slot: Int) -> Int { volatileKeys[slot] }

    private func removeVolatile(slot: Int) {
        let last = volatileKeys.count - 1
        if slot != last {
            volatileKeys[slot] = volatileKeys[last]
            entries[volatileKeys[slot]].volatileSlot = Int32(slot)
        }
        volatileKeys.removeLast()
    }
}
