import NIOCore

/// A member bound of ZRANGEBYLEX and friends: `-`, `+`, `[member` (inclusive) or `(member` (exclusive).
enum LexBound {
    case minimum
    case maximum
    case member([UInt8], exclusive: Bool)

    init?(_ buffer: ByteBuffer) {
        let bytes = buffer.bytes
        guard let first = bytes.first else { return nil }
        switch first {
        case UInt8(ascii: "+"):
            guard bytes.count == 1 else { return nil }
            self = .maximum
        case UInt8(ascii: "-"):
            guard bytes.count == 1 else { return nil }
            self = .minimum
        case UInt8(ascii: "("): self = .member(Array(bytes.dropFirst()), exclusive: true)
        case UInt8(ascii: "["): self = .member(Array(bytes.dropFirst()), exclusive: false)
        default: return nil
        }
    }

    /// Redis's `sdscmplex`: the minimum sorts before every member, the maximum after.
    static func compare(_ a: LexBound, _ b: LexBound) -> Int {
        switch (a, b) {
        case (.minimum, .minimum), (.maximum, .maximum): return 0
        case (.minimum, _), (_, .maximum): return -1
        case (.maximum, _), (_, .minimum): return 1
        case (.member(let x, _), .member(let y, _)): return compareBytes(x, y)
        }
    }

    static func compareBytes(_ x: [UInt8], _ y: [UInt8]) -> Int {
        if x == y { return 0 }
        return x.lexicographicallyPrecedes(y) ? -1 : 1
    }

    var exclusive: Bool {
        switch self {
        case .minimum, .maximum: return true
        case .member(_, let exclusive): return exclusive
        }
    }

    /// Whether `value` is at or above this bound taken as a minimum.
    func admitsAsMinimum(_ value: [UInt8]) -> Bool {
        switch self {
        case .minimum: return true
        case .maximum: return false
        case .member(let bound, let exclusive):
            let c = Self.compareBytes(value, bound)
            return exclusive ? c > 0 : c >= 0
        }
    }

    /// Whether `value` is at or below this bound taken as a maximum.
    func admitsAsMaximum(_ value: [UInt8]) -> Bool {
        switch self {
        case .minimum: return false
        case .maximum: return true
        case .member(let bound, let exclusive):
            let c = Self.compareBytes(value, bound)
            return exclusive ? c < 0 : c <= 0
        }
    }
}

/// A parsed lex range: both bounds.
struct LexRange {
    var min: LexBound
    var max: LexBound

    init?(_ min: ByteBuffer, _ max: ByteBuffer) {
        guard let low = LexBound(min), let high = LexBound(max) else { return nil }
        self.min = low
        self.max = high
    }

    /// True when no member can fall in the range (`zslIsInLexRange`'s first test).
    var alwaysEmpty: Bool {
        let c = LexBound.compare(min, max)
        return c > 0 || (c == 0 && (min.exclusive || max.exclusive))
    }

    /// Indices of the items in range, scanned as Redis scans a listpack: forward from the first
    /// member at or above the minimum while members stay at or below the maximum (reverse: back
    /// from the last member at or below the maximum).
    func indices(_ items: [SortedSetValue.Item], reverse: Bool) -> [Int] {
        if alwaysEmpty || items.isEmpty { return [] }
        guard let last = items.last, let first = items.first,
            min.admitsAsMinimum(last.member), max.admitsAsMaximum(first.member)
        else { return [] }
        var result: [Int] = []
        if reverse {
            guard var i = items.lastIndex(where: { max.admitsAsMaximum($0.member) }) else { return [] }
            while i >= 0 && min.admitsAsMinimum(items[i].member) {
                result.append(i)
                i -= 1
            }
        } else {
            guard var i = items.firstIndex(where: { min.admitsAsMinimum($0.member) }) else { return [] }
            while i < items.count && max.admitsAsMaximum(items[i].member) {
                result.append(i)
                i += 1
            }
        }
        return result
    }
}
