import NIOCore
import RESP

/// A reply of the search commands as a tree, written in the session's protocol the way RediSearch's
/// reply layer writes it: maps become flat arrays in RESP2, doubles become bulk strings (Redis 7.0's
/// `%.17g`), nulls are `$-1` or `_`.
indirect enum SearchReply {
    case simple(String)
    case bulk([UInt8])
    case integer(Int64)
    case double(Double)
    case null
    case array([SearchReply])
    case map([(SearchReply, SearchReply)])

    static func text(_ s: String) -> SearchReply { .bulk(Array(s.utf8)) }

    func write(to out: inout ByteBuffer, _ version: RESPVersion) {
        switch self {
        case .simple(let s): out.writeRESPSimpleString(s)
        case .bulk(let bytes): out.writeRESPBulk(bytes)
        case .integer(let n): out.writeRESPInteger(n)
        case .double(let d): out.writeRESPDouble(formatted: SearchNumber.redisDouble(d), version)
        case .null: out.writeRESPNullBulk(version)
        case .array(let items):
            out.writeRESPArrayHeader(items.count)
            for item in items { item.write(to: &out, version) }
        case .map(let pairs):
            out.writeRESPMapHeader(pairs.count, version)
            for (key, value) in pairs {
                key.write(to: &out, version)
                value.write(to: &out, version)
            }
        }
    }
}

enum SearchNumber {
    /// How Redis 7.0 prints a double reply (`addReplyDouble`).
    static func redisDouble(_ d: Double) -> String {
        if d.isNaN { return "nan" }
        return formatRedisDouble(d)
    }

    /// How RediSearch prints a number inside results (`RSValue_NumToString`): an integral value as an
    /// integer, anything else with `%.12g`.
    static func value(_ d: Double) -> String {
        if d.isNaN { return "nan" }
        if d.isInfinite { return d > 0 ? "inf" : "-inf" }
        if d == d.rounded(), abs(d) < 9.2e18 { return String(Int64(d)) }
        return cFormat("%.12g", d)
    }
}
