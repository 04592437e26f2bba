/// The spellings of the units a typed number may carry (time, data size, money, request counts), so
/// `2 seconds` or `$3.25` answer a question asked in `s` or `USD`. DESIGN.md's grading rule accepts only
/// the question's own unit, with no conversion: `40 min` for a question in `s` is not an answer
/// (explained and asked again), never a wrong one.
struct NumericUnit: Sendable, Hashable {
    /// What the unit measures.
    enum Dimension: Sendable, Hashable {
        case time, size, money, count
    }

    let dimension: Dimension
    /// How many base units (second, byte, US dollar, request) one of this unit is.
    let scale: Double

    private static let known: [String: NumericUnit] = {
        var table: [String: NumericUnit] = [:]
        func add(_ names: [String], _ dimension: Dimension, _ scale: Double) {
            for name in names { table[name] = NumericUnit(dimension: dimension, scale: scale) }
        }
        add(["ms", "msec", "millisecond", "milliseconds"], .time, 0.001)
        add(["s", "sec", "secs", "second", "seconds"], .time, 1)
        add(["min", "mins", "minute", "minutes"], .time, 60)
        add(["h", "hr", "hrs", "hour", "hours"], .time, 3600)
        add(["b", "byte", "bytes"], .size, 1)
        add(["kb"], .size, 1e3)
        add(["mb"], .size, 1e6)
        add(["gb"], .size, 1e9)
        add(["kib"], .size, 1024)
        add(["mib"], .size, 1024 * 1024)
        add(["gib"], .size, 1024 * 1024 * 1024)
        add(["usd", "$", "dollar", "dollars"], .money, 1)
        add(["request", "requests", "req", "reqs"], .count, 1)
        return table
    }()

    /// The unit a name stands for, ignoring case; `nil` for a unit the course does not know.
    static func named(_ name: String) -> NumericUnit? {
        known[name.lowercased()]
    }

    /// Whether `typed` is a spelling of the unit `expected` (`sec` of `s`, `usd` of `USD`).
    static func isSpelling(_ typed: String, of expected: String) -> Bool {
        if typed == expected { return true }
        guard let typedUnit = named(typed), let expectedUnit = named(expected) else { return false }
        return typedUnit == expectedUnit
    }
}
