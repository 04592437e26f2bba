/// Word splitting for plain ASCII text in one pass over its bytes, the fast path of
/// `split(whereSeparator: \.isWhitespace)` + `joined(separator: " ")` for the common case.
public enum ASCIIWords {
    /// The first `limit` words of `text` joined by single spaces (optionally lowercased), or nil
    /// when `text` has a byte outside ASCII. Whitespace is what `Character.isWhitespace` says for
    /// ASCII: tab, line feed, vertical tab, form feed, carriage return and space.
    public static func joined(_ text: String, lowercased: Bool = false, limit: Int = .max) -> String? {
        var sawNonASCII = false
        var stoppedAtLimit = false
        // Written straight into the new string's storage: the result is never longer than `text`.
        let result = String(unsafeUninitializedCapacity: text.utf8.count) { buffer in
            var count = 0
            var words = 0
            var inWord = false
            for byte in text.utf8 {
                switch byte {
                case 0x80...:
                    sawNonASCII = true
                    return 0
                case 0x09...0x0D, 0x20:
                    inWord = false
                default:
                    if !inWord {
                        if words == limit {
                            stoppedAtLimit = true
                            return count
                        }
                        if words > 0 {
                            buffer[count] = 0x20
                            count += 1
                        }
                        words += 1
                        inWord = true
                    }
                    let isUpper = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")
                    buffer[count] = lowercased && isUpper ? byte + 0x20 : byte
                    count += 1
                }
            }
            return count
        }
        if sawNonASCII { return nil }
        // The words kept so far count only if the rest of `text` is ASCII too (the fallback must decide otherwise).
        if stoppedAtLimit, !text.utf8.allSatisfy({ $0 < 0x80 }) { return nil }
        return result
    }
}
