/// Glob matching as Redis's `stringmatchlen`: `*`, `?`, `[abc]`, `[^a-z]` and `\` escapes.
func globMatch(_ pattern: [UInt8], _ text: [UInt8]) -> Bool {
    globMatch(pattern[...], text[...], depth: 0)
}

private func globMatch(_ pattern: ArraySlice<UInt8>, _ text: ArraySlice<UInt8>, depth: Int) -> Bool {
    if depth > 1000 { return false }
    var p = pattern.startIndex
    var t = text.startIndex
    while p < pattern.endIndex {
        switch pattern[p] {
        case UInt8(ascii: "*"):
            while p + 1 < pattern.endIndex && pattern[p + 1] == UInt8(ascii: "*") { p += 1 }
            if p + 1 == pattern.endIndex { return true }
            var start = t
            while start <= text.endIndex {
                if globMatch(pattern[(p + 1)...], text[start...], depth: depth + 1) { return true }
                start += 1
            }
            return false
        case UInt8(ascii: "?"):
            guard t < text.endIndex else { return false }
            t += 1
        case UInt8(ascii: "["):
            guard t < text.endIndex else { return false }
            p += 1
            let negate = p < pattern.endIndex && pattern[p] == UInt8(ascii: "^")
            if negate { p += 1 }
            var matched = false
            while p < pattern.endIndex && pattern[p] != UInt8(ascii: "]") {
                if pattern[p] == UInt8(ascii: "\\") && p + 1 < pattern.endIndex {
                    p += 1
                    if pattern[p] == text[t] { matched = true }
                } else if p + 2 < pattern.endIndex && pattern[p + 1] == UInt8(ascii: "-") {
                    var low = pattern[p], high = pattern[p + 2]
                    if low > high { swap(&low, &high) }
                    if text[t] >= low && text[t] <= high { matched = true }
                    p += 2
                } else if pattern[p] == text[t] {
                    matched = true
                }
                p += 1
            }
            if p == pattern.endIndex { p -= 1 }
            if matched == negate { return false }
            t += 1
        case UInt8(ascii: "\\") where p + 1 < pattern.endIndex:
            p += 1
            guard t < text.endIndex, pattern[p] == text[t] else { return false }
            t += 1
        default:
            guard t < text.endIndex, pattern[p] == text[t] else { return false }
            t += 1
        }
        p += 1
    }
    return t == text.endIndex
}
