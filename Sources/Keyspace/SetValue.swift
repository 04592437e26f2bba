import RESP

/// A set of members kept densely (with a position index), so SPOP draws in O(1) and, for a
/// given seed, deterministically. Like Redis's intset, a small all-integer set lists its
/// members in numeric order.
final class SetValue {
    private(set) var items: [KeyBytes] = []
    private var index: [KeyBytes: Int] = [:]
    private(set) var byteCount = 0
    private var nonIntegerCount = 0

    /// Redis keeps all-integer sets up to this size as a sorted intset.
    static let intsetLimit = 512

    var count: Int { items.count }

    /// Whether every member is an integer in canonical form (what Redis's intset encoding needs).
    var isAllIntegers: Bool { nonIntegerCount == 0 }

    func contains(_ member: KeyBytes) -> Bool { index[member] != nil }

    @discardableResult
    func insert(_ member: KeyBytes) -> Bool {
        guard index[member] == nil else { return false }
        index[member] = items.count
        items.append(member)
        byteCount += member.count
        if parseRedisInteger(member) == nil { nonIntegerCount += 1 }
        return true
    }

    @discardableResult
    func remove(_ member: KeyBytes) -> Bool {
        guard let position = index.removeValue(forKey: member) else { return false }
        let last = items.count - 1
        if position != last {
            items[position] = items[last]
            index[items[position]] = position
        }
        items.removeLast()
        byteCount -= member.count
        if parseRedisInteger(member) == nil { nonIntegerCount -= 1 }
        return true
    }

    /// Members in the order SMEMBERS lists them: numeric for a small integer set, else stored order.
    var ordered: [KeyBytes] {
        if nonIntegerCount == 0 && items.count <= Self.intsetLimit {
            return items.sorted { (parseRedisInteger($0) ?? 0) < (parseRedisInteger($1) ?? 0) }
        }
        return items
    }

    /// A uniformly drawn member.
    func randomMember<G: RandomNumberGenerator>(using generator: inout G) -> KeyBytes? {
        guard !items.isEmpty else { return nil }
        return items[Int(generator.next() % UInt64(items.count))]
    }
}
