/// Parses a decimal integer exactly as Redis's `string2ll`: an optional `-`, no `+`, no leading
/// zeros, no spaces, 1…20 characters, within Int64; nil for anything else. The protocol parsers
/// read lengths and counts with it, and the keyspace its integer arguments and values.
@inlinable
public func parseRedisInteger<Bytes: Collection>(_ bytes: Bytes) -> Int64? where Bytes.Element == UInt8 {
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
