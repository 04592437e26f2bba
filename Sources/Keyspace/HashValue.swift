/// A hash that keeps fields in insertion order, as Redis's listpack encoding does for small hashes.
final class HashValue {
    private(set) var fields: [KeyBytes] = []
    private(set) var values: [KeyBytes] = []
    private var index: [KeyBytes: Int] = [:]
    private(set) var byteCount = 0

    var count: Int { fields.count }

    func get(_ field: KeyBytes) -> KeyBytes? {
        guard let i = index[field] else { return nil }
        return values[i]
    }

    /// Sets a field; returns true when the field is new.
    @discardableResult
    func set(_ field: KeyBytes, _ value: KeyBytes) -> Bool {
        if let i = index[field] {
            byteCount += value.count - values[i].count
            values[i] = value
            return false
        }
        index[field] = fields.count
        fields.append(field)
        values.append(value)
        byteCount += field.count + value.count
        return true
    }

    /// Removes a field; returns true when it existed.
    func remove(_ field: KeyBytes) -> Bool {
        guard let i = index.removeValue(forKey: field) else { return false }
        byteCount -= fields[i].count + values[i].count
        fields.remove(at: i)
        values.remove(at: i)
        for j in i..<fields.count { index[fields[j]] = j }
        return true
    }
}
