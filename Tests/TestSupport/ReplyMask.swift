import NIOCore
import RESP

/// Compares the reply bytes of two Redis servers as a differential script's mask directive says:
/// none (byte for byte), `type` (the same reply type), `sort` (aggregates compared as multisets),
/// `ints` (integers ignored) or `near` (integers within 1 of each other).
public enum ReplyMask {
    /// Whether `a` and `b` are the same reply under `mask`; an unknown mask never matches.
    public static func equal(_ a: [UInt8], _ b: [UInt8], mask: String?) -> Bool {
        switch mask {
        case nil: return a == b
        case "type": return a.first == b.first
        case "near":
            var x = ByteBuffer(bytes: a)
            var y = ByteBuffer(bytes: b)
            var decoder = RESPValueDecoder()
            guard case .integer(let u)? = try? decoder.next(from: &x), case .integer(let v)? = try? decoder.next(from: &y)
            else { return false }
            return abs(u - v) <= 1
        case "sort", "ints":
            var x = ByteBuffer(bytes: a)
            var y = ByteBuffer(bytes: b)
            var decoder = RESPValueDecoder()
            guard let u = try? decoder.next(from: &x), let v = try? decoder.next(from: &y) else { return false }
            return mask == "sort" ? canonical(u) == canonical(v) : maskIntegers(u) == maskIntegers(v)
        default: return false
        }
    }

    /// Sorts every aggregate, so replies in hash order compare as multisets.
    static func canonical(_ value: RESPValue) -> RESPValue {
        switch value {
        case .array(let items): return .array(items.map(canonical).sorted { "\($0)" < "\($1)" })
        case .set(let items): return .set(items.map(canonical).sorted { "\($0)" < "\($1)" })
        default: return value
        }
    }

    static func maskIntegers(_ value: RESPValue) -> RESPValue {
        switch value {
        case .integer: return .integer(0)
        case .array(let items): return .array(items.map(maskIntegers))
        case .map(let pairs): return .map(pairs.map { RESPPair(maskIntegers($0.key), maskIntegers($0.value)) })
        default: return value
        }
    }

    /// The first 400 bytes with CR, LF and non-printable bytes escaped, for failure messages.
    public static func show(_ bytes: [UInt8]) -> String {
        var text = ""
        for byte in bytes.prefix(400) {
            switch byte {
            case 13: text += "\\r"
            case 10: text += "\\n"
            case 32...126: text.append(Character(UnicodeScalar(byte)))
            default: text += "\\x" + String(byte, radix: 16)
            }
        }
        return text
    }
}
