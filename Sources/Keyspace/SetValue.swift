/// A set of members. Like Redis's intset, a small all-integer set lists its members in numeric order.
final class SetValue {
    private(set) var members: Set<KeyBytes> = []
    private(set) var byteCount = 0
    private var nonIntegerCount = 0

    /// Redis keeps all-integer sets up to this size as a sorted intset.
    static let intsetLimit = 512

    var count: Int { members.count }

    func contains(_ member: KeyBytes) -> Bool { members.contains(member) }

    @discardableResult
    func insert(_ member: KeyBytes) -> Bool {
        guard members.insert(member).inserted else { return false }
        byteCount += member.bytes.count
        if parseRedisInteger(member.bytes) == nil { nonIntegerCount += 1 }
        return true
    }

    @discardableResult
    func remove(_ member: KeyBytes) -> Bool {
        guard members.remove(member) != nil else { return false }
        byteCount -= member.bytes.count
        if parseRedisInteger(member.bytes) == nil { nonIntegerCount -= 1 }
        return true
    }

    /// Members in the order SMEMBERS lists them: numeric for a small integer set, else hash order.
    var ordered: [KeyBytes] {
        if nonIntegerCount == 0 && members.count <= Self.intsetLimit {
            return members.sorted { (parseRedisInteger($0.bytes) ?? 0) < (parseRedisInteger($1.bytes) ?? 0) }
        }
        return Array(members)
    }

    /// A uniformly drawn member.
    func randomMember<G: RandomNumberGenerator>(using generator: inout G) -> KeyBytes? {
        guard !members.isEmpty else { return nil }
        let offset = Int(generator.next() % UInt64(members.count))
        return members[members.index(members.startIndex, offsetBy: offset)]
    }
}
