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
