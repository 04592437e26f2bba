import NIOCore

/// A key, field or member as stored: plain bytes with a fast hash over the whole buffer.
struct KeyBytes: Hashable, Sendable {
    var bytes: [UInt8]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    init(_ buffer: ByteBuffer) {
        self.bytes = Array(buffer.readableBytesView)
    }

    init(_ text: String) {
        self.bytes = Array(text.utf8)
    }

    @inline(__always)
    func hash(into hasher: inout Hasher) {
        bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
    }

    @inline(__always)
    static func == (lhs: KeyBytes, rhs: KeyBytes) -> Bool {
        lhs.bytes.withUnsafeBytes { a in
            rhs.bytes.withUnsafeBytes { b in
                guard a.count == b.count else { return false }
                guard let x = a.baseAddress, let y = b.baseAddress else { return true }
                return memcmp(x, y, a.count) == 0
            }
        }
    }

    var string: String { String(decoding: bytes, as: UTF8.self) }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension ByteBuffer {
    /// Whether the readable bytes equal the ASCII `word`, ignoring case (command names and options).
    @inline(__always)
    func equalsIgnoringCase(_ word: StaticString) -> Bool {
        guard readableBytes == word.utf8CodeUnitCount else { return false }
        return withUnsafeReadableBytes { raw in
            let expected = word.utf8Start
            for i in 0..<raw.count {
                var c = raw[i]
                if c >= 65 && c <= 90 { c |= 0x20 }
                var e = expected[i]
                if e >= 65 && e <= 90 { e |= 0x20 }
                if c != e { return false }
            }
            return true
        }
    }

    var bytes: [UInt8] { Array(readableBytesView) }

    var text: String { String(decoding: readableBytesView, as: UTF8.self) }
}
