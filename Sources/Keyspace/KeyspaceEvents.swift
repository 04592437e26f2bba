/// The classes of keyspace notifications (`notify-keyspace-events`), with Redis's bit values.
struct KeyspaceEvents: OptionSet {
    let rawValue: Int

    init(rawValue: Int) {
        self.rawValue = rawValue
    }

    static let keyspace = KeyspaceEvents(rawValue: 1 << 0)
    static let keyevent = KeyspaceEvents(rawValue: 1 << 1)
    static let generic = KeyspaceEvents(rawValue: 1 << 2)
    static let string = KeyspaceEvents(rawValue: 1 << 3)
    static let list = KeyspaceEvents(rawValue: 1 << 4)
    static let set = KeyspaceEvents(rawValue: 1 << 5)
    static let hash = KeyspaceEvents(rawValue: 1 << 6)
    static let zset = KeyspaceEvents(rawValue: 1 << 7)
    static let expired = KeyspaceEvents(rawValue: 1 << 8)
    static let evicted = KeyspaceEvents(rawValue: 1 << 9)
    static let stream = KeyspaceEvents(rawValue: 1 << 10)
    static let keyMiss = KeyspaceEvents(rawValue: 1 << 11)
    static let module = KeyspaceEvents(rawValue: 1 << 13)
    static let new = KeyspaceEvents(rawValue: 1 << 14)
    /// `A`: every class but key misses and new keys.
    static let all: KeyspaceEvents = [
        .generic, .string, .list, .set, .hash, .zset, .expired, .evicted, .stream, .module,
    ]

    private static let letters: [(Character, KeyspaceEvents)] = [
        ("g", .generic), ("$", .string), ("l", .list), ("s", .set), ("h", .hash), ("z", .zset), ("x", .expired),
        ("e", .evicted), ("t", .stream), ("d", .module), ("n", .new),
    ]

    /// Parses the letters of `CONFIG SET notify-keyspace-events`; nil on an unknown letter.
    init?(letters text: String) {
        var flags: KeyspaceEvents = []
        for c in text {
            switch c {
            case "A": flags.formUnion(.all)
            case "K": flags.insert(.keyspace)
            case "E": flags.insert(.keyevent)
            case "m": flags.insert(.keyMiss)
            default:
                guard let match = Self.letters.first(where: { $0.0 == c }) else { return nil }
                flags.insert(match.1)
            }
        }
        self = flags
    }

    /// The letters `CONFIG GET` shows, in Redis's canonical order.
    var letters: String {
        var text = ""
        if isSuperset(of: .all) {
            text = "A"  // as Redis prints it: `n` is not shown next to `A`
        } else {
            for (letter, flag) in Self.letters where contains(flag) { text.append(letter) }
        }
        if contains(.keyspace) { text += "K" }
        if contains(.keyevent) { text += "E" }
        if contains(.keyMiss) { text += "m" }
        return text
    }
}
