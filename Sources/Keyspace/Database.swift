/// One numbered database. Entries live densely, in fixed-size chunks (so eviction and expiry
/// sample uniformly in O(1), SCAN walks positions, and growth never copies or fragments one huge
/// array); an open-addressing table of 32-bit positions, probed linearly with the hash kept in
/// each entry, finds a key without allocating.
final class Database {
    private var entries = ChunkedEntries()
    private var slots: [Int32] = Array(repeating: -1, count: 16)
    private var mask = 15
    private(set) var volatileKeys: [Int32] = []  // positions in `entries` of keys with a TTL

    var count: Int { entries.count }
    var volatileCount: Int { volatileKeys.count }

    /// Bytes this database's index and entry array occupy (the entries' heap payloads aside).
    var tableBytes: Int { slots.count * 4 + entries.capacity * MemoryLayout<Entry>.stride }

    /// Bytes the next insert would add to `tableBytes` by growing the arrays (0 when it fits).
    var growthForNextInsert: Int {
        var bytes = 0
        if entries.count == entries.capacity { bytes += ChunkedEntries.chunkSize * MemoryLayout<Entry>.stride }
        if (entries.count + 1) * 2 > slots.count { bytes += slots.count * 4 }
        return bytes
    }

    @inline(__always)
    func position(of key: KeyBytes) -> Int? {
        key.withUnsafeBytes { position(ofRaw: $0, hash: KeyBytes.hash32($0)) }
    }

    @inline(__always)
    private func position(ofRaw raw: UnsafeRawBufferPointer, hash: UInt32) -> Int? {
        var slot = Int(hash) & mask
        while true {
            let candidate = slots[slot]
            if candidate < 0 { return nil }
            if entries[Int(candidate)].hash == hash && entries[Int(candidate)].key.equals(raw) { return Int(candidate) }
            slot = (slot + 1) & mask
        }
    }

    @inline(__always)
    func entry(at position: Int) -> Entry { entries[position] }

    /// Mutates one entry in place.
    @inline(__always)
    func withEntry<T>(at position: Int, _ body: (inout Entry) -> T) -> T {
        body(&entries[position])
    }

    /// Adds a new key (which must be absent); returns its position.
    @discardableResult
    func insert(_ key: KeyBytes, _ value: StoredValue, expireAt: Int64, access: UInt32) -> Int {
        if (entries.count + 1) * 2 > slots.count { grow() }
        let hash = key.hash32
        let position = entries.count
        entries.append(Entry(key: key, hash: hash, value: value, access: access, expireAt: 0, volatileSlot: -1))
        var slot = Int(hash) & mask
        while slots[slot] >= 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(position)
        if expireAt != 0 { setExpire(at: position, expireAt) }
        return position
    }

    /// Sets (non-zero) or clears (0) the TTL of the entry at `position`.
    func setExpire(at position: Int, _ expireAt: Int64) {
        let slot = entries[position].volatileSlot
        entries[position].expireAt = expireAt
        if expireAt != 0 && slot < 0 {
            entries[position].volatileSlot = Int32(volatileKeys.count)
            volatileKeys.append(Int32(position))
        } else if expireAt == 0 && slot >= 0 {
            removeVolatile(slot: Int(slot))
            entries[position].volatileSlot = -1
        }
    }

    /// Removes the entry at `position` (the last entry moves into its place) and returns it.
    @discardableResult
    func remove(at position: Int) -> Entry {
        let removed = entries[position]
        if removed.volatileSlot >= 0 { removeVolatile(slot: Int(removed.volatileSlot)) }
        deleteSlot(slotOf(position))
        let last = entries.count - 1
        if position != last {
            let moved = entries[last]
            slots[slotOf(last)] = Int32(position)
            entries[position] = moved
            if moved.volatileSlot >= 0 { volatileKeys[Int(moved.volatileSlot)] = Int32(position) }
        }
        entries.removeLast()
        if entries.isEmpty && slots.count > 1024 { removeAll() }
        return removed
    }

    func removeAll() {
        entries = ChunkedEntries()
        slots = Array(repeating: -1, count: 16)
        mask = 15
        volatileKeys = []
    }

    /// Position of the `slot`-th key carrying a TTL.
    @inline(__always)
    func volatilePosition(_ slot: Int) -> Int { Int(volatileKeys[slot]) }

    private func slotOf(_ position: Int) -> Int {
        var slot = Int(entries[position].hash) & mask
        while slots[slot] != Int32(position) { slot = (slot + 1) & mask }
        return slot
    }

    /// Backward-shift deletion, so probes never need tombstones.
    private func deleteSlot(_ start: Int) {
        var hole = start
        var next = start
        while true {
            next = (next + 1) & mask
            let candidate = slots[next]
            if candidate < 0 { break }
            let ideal = Int(entries[Int(candidate)].hash) & mask
            let distanceToNext = (next - ideal) & mask
            let distanceToHole = (hole - ideal) & mask
            if distanceToHole <= distanceToNext {
                slots[hole] = candidate
                hole = next
            }
        }
        slots[hole] = -1
    }

    private func grow() {
        let size = slots.count * 2
        slots = Array(repeating: -1, count: size)
        mask = size - 1
        for position in 0..<entries.count {
            let entry = entries[position]
            var slot = Int(entry.hash) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(position)
        }
    }

    private func removeVolatile(slot: Int) {
        let last = volatileKeys.count - 1
        if slot != last {
            volatileKeys[slot] = volatileKeys[last]
            entries[Int(volatileKeys[slot])].volatileSlot = Int32(slot)
        }
        volatileKeys.removeLast()
    }
}

/// Entries in chunks of `chunkSize`, addressed by a flat position.
struct ChunkedEntries {
    static let chunkShift = 10
    static let chunkSize = 1 << chunkShift
    private var chunks: [[Entry]] = []
    private(set) var count = 0

    var capacity: Int { chunks.count * Self.chunkSize }
    var isEmpty: Bool { count == 0 }

    @inline(__always)
    subscript(position: Int) -> Entry {
        _read { yield chunks[position >> Self.chunkShift][position & (Self.chunkSize - 1)] }
        set { chunks[position >> Self.chunkShift][position & (Self.chunkSize - 1)] = newValue }
        _modify { yield &chunks[position >> Self.chunkShift][position & (Self.chunkSize - 1)] }
    }

    mutating func append(_ entry: Entry) {
        if count == capacity {
            var chunk: [Entry] = []
            chunk.reserveCapacity(Self.chunkSize)
            chunks.append(chunk)
        }
        chunks[count >> Self.chunkShift].append(entry)
        count += 1
    }

    /// Removes the last entry; an emptied trailing chunk is freed only once the chunk before it
    /// is half empty, so a count hovering at a chunk boundary does not allocate and free repeatedly.
    mutating func removeLast() {
        chunks[(count - 1) >> Self.chunkShift].removeLast()
        count -= 1
        if chunks.count >= 2 && chunks[chunks.count - 1].isEmpty
            && count <= capacity - Self.chunkSize - Self.chunkSize / 2
        {
            chunks.removeLast()
        }
    }
}
