import RESP

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Parses a double as Redis's `getDoubleFromObject` does (`strtod`: accepts `inf`, hex, exponents;
/// rejects spaces, trailing bytes and NaN). `lenient` follows `zslParseRange` instead: leading
/// spaces and an empty string (0) pass, and overflow is not checked.
/// Any length is accepted, as `strtod` accepts it: DBL_MAX written out in full has 309 digits.
func parseRedisDouble(_ bytes: [UInt8], lenient: Bool = false) -> Double? {
    if !lenient {
        guard let first = bytes.first, !isSpace(first) else { return nil }
    }
    return bytes.withUnsafeBufferPointer { buffer -> Double? in
        var text = Array(buffer)
        text.append(0)
        return text.withUnsafeMutableBufferPointer { p -> Double? in
            guard let base = p.baseAddress else { return nil }
            var end: UnsafeMutablePointer<CChar>?
            errno = 0
            let value = base.withMemoryRebound(to: CChar.self, capacity: p.count) { c in
                let v = strtod(c, &end)
                return (v, end.map { $0 - c } ?? 0)
            }
            if value.1 != p.count - 1 || value.0.isNaN { return nil }
            if !lenient && errno == ERANGE && (value.0.isInfinite || value.0 == 0) { return nil }
            return value.0
        }
    }
}

/// Parses a long double as Redis's `string2ld` (used by INCRBYFLOAT).
func parseRedisLongDouble(_ bytes: [UInt8]) -> Float80? {
    guard let first = bytes.first, !isSpace(first), bytes.count < 5120 else { return nil }
    var text = bytes
    text.append(0)
    return text.withUnsafeMutableBufferPointer { p -> Float80? in
        guard let base = p.baseAddress else { return nil }
        return base.withMemoryRebound(to: CChar.self, capacity: p.count) { c -> Float80? in
            var end: UnsafeMutablePointer<CChar>?
            errno = 0
            let v = strtold(c, &end)
            guard let end, end - c == p.count - 1, !v.isNaN else { return nil }
            if errno == ERANGE && (v.isInfinite || v == 0) { return nil }
            return v
        }
    }
}

private func isSpace(_ c: UInt8) -> Bool {
    c == 32 || (c >= 9 && c <= 13)
}

/// Formats a double as Redis 7.0's replies do (`%.17g`, `inf`, `-inf`).
func formatRedisDouble(_ value: Double) -> String {
    if value.isInfinite { return value > 0 ? "inf" : "-inf" }
    return cFormat("%.17g", value)
}

/// Formats a long double as Redis's `ld2string` in human mode (`%.17Lf`, trailing zeros trimmed).
func formatRedisLongDouble(_ value: Float80) -> String {
    if value.isInfinite { return value > 0 ? "inf" : "-inf" }
    var text = cFormat("%.17Lf", value)
    if text.contains(".") {
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
    }
    if text == "-0" { text = "0" }
    return text
}

func cFormat(_ format: String, _ value: any CVarArg) -> String {
    var buffer = [CChar](repeating: 0, count: 5200)
    let written = withVaList([value]) { args in
        buffer.withUnsafeMutableBufferPointer { p in
            vsnprintf(p.baseAddress, p.count, format, args)
        }
    }
    let length = max(0, min(Int(written), buffer.count - 1))
    return String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
}
