/// Glob matching with Redis's `stringmatchlen` syntax: `*`, `?`, `[abc]`, `[^a-z]` and `\` escapes.
/// The pattern is compiled to single-byte tokens and matched with one backtrack point per `*`,
/// so patterns like `*a*a*a*b` stay O(pattern × text) instead of exponential.
func globMatch(_ pattern: [UInt8], _ text: [UInt8]) -> Bool {
    GlobPattern(pattern).matches(text)
}

/// A glob pattern compiled once, for matching many keys (KEYS, SCAN MATCH, CONFIG GET).
struct GlobPattern {
    private let tokens: [GlobToken]
    /// Redis stops matching (no match) below 1,000 levels of `*` recursion, one level per run of
    /// stars that something follows: a pattern with more of those never matches there.
    private let tooDeep: Bool

    init(_ pattern: [UInt8]) {
        tokens = GlobToken.compile(pattern)
        var nested = 0
        for i in tokens.indices.dropLast() {
            if case .star = tokens[i] {
                if case .star = tokens[i + 1] { continue }
                nested += 1
            }
        }
        tooDeep = nested > 1000
    }

    func matches(_ key: KeyBytes) -> Bool {
        key.withUnsafeBytes { matches($0) }
    }

    func matches(_ text: [UInt8]) -> Bool {
        text.withUnsafeBytes { matches($0) }
    }

    func matches(_ text: UnsafeRawBufferPointer) -> Bool {
        if tooDeep { return false }
        var p = 0
        var t = 0
        var starToken = -1
        var starText = 0
        while t < text.count {
            if p < tokens.count, case .star = tokens[p] {
                starToken = p
                starText = t
                p += 1
            } else if p < tokens.count && tokens[p].matches(text[t]) {
                p += 1
                t += 1
            } else if starToken >= 0 {
                p = starToken + 1
                starText += 1
                t = starText
            } else {
                return false
            }
        }
        while p < tokens.count, case .star = tokens[p] { p += 1 }
        return p == tokens.count
    }
}

private enum GlobToken {
    case star
    case any
    case byte(UInt8)
    case set(ranges: [(UInt8, UInt8)], negated: Bool)

    func matches(_ c: UInt8) -> Bool {
        switch self {
        case .star, .any: return true
        case .byte(let b): return b == c
        case .set(let ranges, let negated):
            return ranges.contains { c >= $0.0 && c <= $0.1 } != negated
        }
    }

    static func compile(_ pattern: [UInt8]) -> [GlobToken] {
        var tokens: [GlobToken] = []
        var p = 0
        while p < pattern.count {
            switch pattern[p] {
            case UInt8(ascii: "*"):
                if case .star? = tokens.last {} else { tokens.append(.star) }
            case UInt8(ascii: "?"):
                tokens.append(.any)
            case UInt8(ascii: "["):
                p += 1
                let negated = p < pattern.count && pattern[p] == UInt8(ascii: "^")
                if negated { p += 1 }
                var ranges: [(UInt8, UInt8)] = []
                while p < pattern.count && pattern[p] != UInt8(ascii: "]") {
                    if pattern[p] == UInt8(ascii: "\\") && p + 1 < pattern.count {
                        p += 1
                        ranges.append((pattern[p], pattern[p]))
                    } else if p + 2 < pattern.count && pattern[p + 1] == UInt8(ascii: "-") {
                        let low = min(pattern[p], pattern[p + 2])
                        let high = max(pattern[p], pattern[p + 2])
                        ranges.append((low, high))
                        p += 2
                    } else {
                        ranges.append((pattern[p], pattern[p]))
                    }
                    p += 1
                }
                tokens.append(.set(ranges: ranges, negated: negated))
            case UInt8(ascii: "\\") where p + 1 < pattern.count:
                p += 1
                tokens.append(.byte(pattern[p]))
            default:
                tokens.append(.byte(pattern[p]))
            }
            p += 1
        }
        return tokens
    }
}
