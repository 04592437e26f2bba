/// A window or interval length, parsed as @upstash/ratelimit parses durations:
/// `^(\d+)\s?(ms|s|m|h|d)$` ("10 s", "10s", "500ms", "1d").
public struct LimitDuration: Hashable, Sendable, CustomStringConvertible {
    /// The length in milliseconds.
    public let milliseconds: Int64

    /// A duration of a whole number of milliseconds; must be positive.
    public init(milliseconds: Int64) throws {
        guard milliseconds > 0 else {
            throw RateLimitError.badParameter("duration", "\(milliseconds) ms", expected: "a positive length")
        }
        self.milliseconds = milliseconds
    }

    /// Parses `"10 s"`, `"10s"`, `"500ms"`, `"2m"`, `"1h"`, `"1d"`; anything else throws
    /// an error that names the string.
    public init(parsing text: String) throws {
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
            index += 1
        }
        guard index > 0, let value = Int64(String(decoding: bytes[0..<index], as: UTF8.self)) else {
            throw RateLimitError.badDuration(text)
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") {
            index += 1
        }
        let unit = String(decoding: bytes[index...], as: UTF8.self)
        let scale: Int64
        switch unit {
        case "ms": scale = 1
        case "s": scale = 1000
        case "m": scale = 60_000
        case "h": scale = 3_600_000
        case "d": scale = 86_400_000
        default: throw RateLimitError.badDuration(text)
        }
        let (product, overflow) = value.multipliedReportingOverflow(by: scale)
        guard !overflow, product > 0 else { throw RateLimitError.badDuration(text) }
        milliseconds = product
    }

    /// The shortest exact spelling: `500ms`, `10 s`, `2m`, `1h`, `1d`.
    public var description: String {
        for (unit, scale) in [("d", Int64(86_400_000)), ("h", 3_600_000), ("m", 60_000), ("s", 1000)]
        where milliseconds % scale == 0 {
            return unit == "s" ? "\(milliseconds / scale) s" : "\(milliseconds / scale)\(unit)"
        }
        return "\(milliseconds)ms"
    }
}
