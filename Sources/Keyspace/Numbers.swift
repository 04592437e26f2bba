#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Parses a decimal integer exactly as Redis's `string2ll`: no spaces, no `+`, no leading zeros,
/// within Int64. Returns nil for anything else.
func parseRedisInteger<Bytes: Collection>(_ bytes: Bytes) -> Int64? where Bytes.Element == UInt8 {
    let count = bytes.count
    guard count > 0, count <= 20 else { return nil }
    var iterator = bytes.makeIterator()
    guard var c = iterator.next() else { return nil }
    if count == 1 && c == UInt8(ascii: "0") { return 0 }
    let negative = c == UInt8(ascii: "-")
    if negative {
        guard count > 1, let next = iterator.next() else { return nil }
        c = next
    }
    guard c >= UInt8(ascii: "1") && c <= UInt8(ascii: "9") else { return nil }
    var magnitude = UInt64(c - UInt8(ascii: "0"))
    while let d = iterator.next() {
        guard d >= UInt8(ascii: "0") && d <= UInt8(ascii: "9") else { return nil }
        let (m1, o1) = magnitude.multipliedReportingOverflow(by: 10)
        let (m2, o2) = m1.addingReportingOverflow(UInt64(d - UInt8(ascii: "0")))
        if o1 || o2 { return nil }
        magnitude = m2
    }
    if negative {
        if magnitude > UInt64(Int64.max) + 1 { return nil }
        return magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
    }
    return magnitude > UInt64(Int64.max) ? nil : Int64(magnitude)
}

/// Parses a double as Redis's `getDoubleFromObject` does (`strtod`: accepts `inf`, hex, exponents;
/// rejects spaces, trailing bytes and NaN). `lenient` follows `zslParseRange` instead: leading
/// spaces and an empty string (0) pass, and overflow is not checked.
func parseRedisDouble(_ bytes: [UInt8], lenient: Bool = false) -> Double? {
    guard bytes.count < 256 else { return nil }
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

private func cFormat(_ format: String, _ value: any CVarArg) -> String {
    var buffer = [CChar](repeating: 0, count: 5200)
    let written = withVaList([value]) { args in
        buffer.withUnsafeMutableBufferPointer { p in
            vsnprintf(p.baseAddress, p.count, format, args)
        }
    }
    let length = max(0, min(Int(written), buffer.count - 1))
    return String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
}
