/// The units a typed number may carry that convert into each other (time, data size, money,
/// request counts), so `40 min` answers a question asked in `s` as `2400 s`.
struct NumericUnit: Sendable, Hashable {
    /// What the unit measures; units convert only within one dimension.
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

    /// `value` typed in `typed` expressed in `expected`, or `nil` when the two do not convert.
    static func convert(_ value: Double, from typed: String, to expected: String) -> Double? {
        if typed == expected { return value }
        guard let from = named(typed), let to = named(expected), from.dimension == to.dimension else { return nil }
        if from.scale == to.scale { return value }
        return value * from.scale / to.scale
    }
}
