/// A value held under a key; containers are classes so they are mutated in place.
enum StoredValue {
    case string(KeyBytes)
    case list(ListValue)
    case hash(HashValue)
    case set(SetValue)
    case zset(SortedSetValue)

    /// The name `TYPE` answers.
    var typeName: String {
        switch self {
        case .string: return "string"
        case .list: return "list"
        case .hash: return "hash"
        case .set: return "set"
        case .zset: return "zset"
        }
    }
}

/// One stored key: its value, absolute expiry (0 = none), position in the volatile-key
/// list (-1 = none) and the LRU/LFU field eviction reads.
struct Entry {
    var key: KeyBytes
    var hash: UInt32
    var value: StoredValue
    var access: UInt32
    var expireAt: Int64
    var volatileSlot: Int32
}

/// A container kind a key can hold: created empty, wrapped into and found in a `StoredValue`.
protocol ContainerValue: AnyObject {
    init()
    /// How many elements (members, fields) it holds.
    var count: Int { get }
    /// The container when `value` holds this kind.
    static func held(in value: StoredValue) -> Self?
    var stored: StoredValue { get }
}

extension ListValue: ContainerValue {
    static func held(in value: StoredValue) -> ListValue? { if case .list(let list) = value { list } else { nil } }
    var stored: StoredValue { .list(self) }
}

extension HashValue: ContainerValue {
    static func held(in value: StoredValue) -> HashValue? { if case .hash(let hash) = value { hash } else { nil } }
    var stored: StoredValue { .hash(self) }
}

extension SetValue: ContainerValue {
    static func held(in value: StoredValue) -> SetValue? { if case .set(let set) = value { set } else { nil } }
    var stored: StoredValue { .set(self) }
}

extension SortedSetValue: ContainerValue {
    static func held(in value: StoredValue) -> SortedSetValue? { if case .zset(let zset) = value { zset } else { nil } }
    var stored: StoredValue { .zset(self) }
}

/// A container whose members (or fields) SREM, ZREM and HDEL remove one by one.
protocol MemberRemovable: ContainerValue {
    /// Removes `member`; false when it was not there.
    func remove(_ member: KeyBytes) -> Bool
}

extension SetValue: MemberRemovable {}

extension SortedSetValue: MemberRemovable {}

extension HashValue: MemberRemovable {}
