/// Keys kept in the order they were added, with constant-time membership (a client's channels
/// or patterns).
struct OrderedKeys {
    private(set) var order: [KeyBytes] = []
    private var members: Set<KeyBytes> = []

    var count: Int { order.count }
    var isEmpty: Bool { order.isEmpty }

    func contains(_ key: KeyBytes) -> Bool { members.contains(key) }

    /// Adds `key`; false when it was already there.
    @discardableResult
    mutating func insert(_ key: KeyBytes) -> Bool {
        guard members.insert(key).inserted else { return false }
        order.append(key)
        return true
    }

    /// Removes `key`; false when it was not there.
    @discardableResult
    mutating func remove(_ key: KeyBytes) -> Bool {
        guard members.remove(key) != nil else { return false }
        order.removeAll { $0 == key }
        return true
    }
}
