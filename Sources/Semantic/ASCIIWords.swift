/// Word splitting for plain ASCII text in one pass over its bytes, the fast path of
/// `split(whereSeparator: \.isWhitespace)` + `joined(separator: " ")` for the common case.
public enum ASCIIWords {
    /// The first `limit` words of `text` joined by single spaces (optionally lowercased), or nil
    /// when `text` has a byte outside ASCII. Whitespace is what `Character.isWhitespace` says for
    /// ASCII: tab, line feed, vertical tab, form feed, carriage return and space.
    public static func joined(_ text: String, lowercased: Bool = false, limit: Int = .max) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var words = 0
        var inWord = false
        for byte in text.utf8 {
            switch byte {
            case 0x80...: return nil
            case 0x09...0x0D, 0x20:
                inWord = false
            default:
                if !inWord {
                    if words == limit { return finish(bytes, checking: text) }
                    if words > 0 { bytes.append(0x20) }
                    words += 1
                    inWord = true
                }
                let isUpper = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")
                bytes.append(lowercased && isUpper ? byte + 0x20 : byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The words kept so far, provided the rest of `text` is ASCII too (the fallback must decide otherwise).
    private static func finish(_ bytes: [UInt8], checking text: String) -> String? {
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }
}
