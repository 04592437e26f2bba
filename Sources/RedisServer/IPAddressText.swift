#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An address written as text, parsed as an IPv4 or IPv6 address (never resolved as a host name), so
/// `127.evil.example` is not mistaken for loopback because of how it starts.
enum IPAddressText {
    /// The address's bytes (4 or 16), or nil when `text` is not an IP address.
    static func bytes(_ text: String) -> [UInt8]? {
        var trimmed = text
        if trimmed.hasPrefix("[") && trimmed.hasSuffix("]") { trimmed = String(trimmed.dropFirst().dropLast()) }
        var v4 = in_addr()
        if inet_pton(AF_INET, trimmed, &v4) == 1 {
            return withUnsafeBytes(of: &v4) { Array($0) }
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, trimmed, &v6) == 1 {
            return withUnsafeBytes(of: &v6) { Array($0) }
        }
        return nil
    }

    /// Whether `text` is an address only this machine can reach: 127.0.0.0/8, ::1, or 127.0.0.0/8 mapped
    /// into IPv6. A host name is never loopback here.
    static func isLoopback(_ text: String) -> Bool {
        guard let bytes = bytes(text) else { return false }
        if bytes.count == 4 { return bytes[0] == 127 }
        if bytes == [UInt8](repeating: 0, count: 15) + [1] { return true }
        return bytes.prefix(12) == [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF] && bytes[12] == 127
    }

    /// Whether a client at `text` counts as local for protected mode, as Redis 7's `islocalClient`:
    /// exactly 127.0.0.1 or ::1 (also 127.0.0.1 mapped into IPv6), not the rest of 127.0.0.0/8.
    static func isLocalClient(_ text: String) -> Bool {
        guard let bytes = bytes(text) else { return false }
        if bytes.count == 4 { return bytes == [127, 0, 0, 1] }
        return bytes == [UInt8](repeating: 0, count: 15) + [1]
            || bytes == [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 127, 0, 0, 1]
    }
}
