import NIOCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Stored bytes (keys, string values, fields, members). Up to 16 bytes live inline with no heap
/// allocation — most cache keys and small values — and longer ones in an array.
struct KeyBytes: Hashable, Sendable, RandomAccessCollection {
    private enum Storage: Hashable, Sendable {
        case inline(UInt64, UInt64, UInt8)
        case heap([UInt8])
    }

    private var storage: Storage

    static let inlineCapacity = 16

    @inline(__always)
    init(_ raw: UnsafeRawBufferPointer) {
        if raw.count <= Self.inlineCapacity {
            var words: (UInt64, UInt64) = (0, 0)
            withUnsafeMutableBytes(of: &words) { target in
                if let base = raw.baseAddress, raw.count > 0 {
                    target.baseAddress?.copyMemory(from: base, byteCount: raw.count)
                }
            }
            storage = .inline(words.0, words.1, UInt8(raw.count))
        } else {
            storage = .heap(Array(raw))
        }
    }

    @inline(__always)
    init(_ buffer: ByteBuffer) {
        self = buffer.withUnsafeReadableBytes { KeyBytes($0) }
    }

    init(_ bytes: [UInt8]) {
        if bytes.count <= Self.inlineCapacity {
            self = bytes.withUnsafeBytes { KeyBytes($0) }
        } else {
            storage = .heap(bytes)
        }
    }

    init(_ text: String) {
        self.init(Array(text.utf8))
    }

    /// The decimal text of an integer, formatted without going through `String`.
    init(decimal value: Int64) {
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var magnitude = value.magnitude
        var start = 24
        self = withUnsafeMutableBytes(of: &digits) { raw in
            repeat {
                start -= 1
                raw[start] = UInt8(ascii: "0") &+ UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            if value < 0 {
                start -= 1
                raw[start] = UInt8(ascii: "-")
            }
            return KeyBytes(UnsafeRawBufferPointer(rebasing: raw[start...]))
        }
    }

    /// Calls `body` with the bytes, wherever they live.
    @inline(__always)
    func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        switch storage {
        case .inline(let a, let b, let n):
            var words = (a, b)
            return try Swift.withUnsafeBytes(of: &words) {
                try body(UnsafeRawBufferPointer(rebasing: $0.prefix(Int(n))))
            }
        case .heap(let array):
            return try array.withUnsafeBytes(body)
        }
    }

    var count: Int {
        switch storage {
        case .inline(_, _, let n): return Int(n)
        case .heap(let array): return array.count
        }
    }

    var startIndex: Int { 0 }
    var endIndex: Int { count }

    subscript(position: Int) -> UInt8 {
        withUnsafeBytes { $0[position] }
    }

    func withContiguousStorageIfAvailable<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R? {
        try withUnsafeBytes { try body($0.assumingMemoryBound(to: UInt8.self)) }
    }

    /// The bytes as an array (allocates for inline values).
    var bytes: [UInt8] {
        switch storage {
        case .inline: return withUnsafeBytes { Array($0) }
        case .heap(let array): return array
        }
    }

    var string: String { withUnsafeBytes { String(decoding: $0, as: UTF8.self) } }

    /// A 32-bit hash of the bytes (per-process seeded), the same for equal bytes however stored.
    @inline(__always)
    var hash32: UInt32 {
        withUnsafeBytes { KeyBytes.hash32($0) }
    }

    /// A per-process random seed for `hash32`, taken from the standard library's own seeded hasher.
    private static let seed: UInt64 = {
        var hasher = Hasher()
        hasher.combine(0x5EED as UInt64)
        return UInt64(bitPattern: Int64(hasher.finalize()))
    }()

    /// A fast seeded hash over 8-byte words with a 128-bit multiply mix (in the style of wyhash):
    /// the key index calls it once per lookup, so it must be cheaper than SipHash.
    @inline(__always)
    static func hash32(_ raw: UnsafeRawBufferPointer) -> UInt32 {
        let k0: UInt64 = 0xA076_1D64_78BD_642F
        let k1: UInt64 = 0xE703_7ED1_A0B4_28DB
        var h = seed ^ (UInt64(raw.count) &* k1)
        var offset = 0
        while offset + 8 <= raw.count {
            let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            let m = (h ^ word ^ k0).multipliedFullWidth(by: k1 ^ word)
            h = m.high ^ m.low
            offset += 8
        }
        if offset < raw.count {
            var tail: UInt64 = 0
            withUnsafeMutableBytes(of: &tail) { target in
                for i in 0..<(raw.count - offset) { target[i] = raw[offset + i] }
            }
            let m = (h ^ tail ^ k0).multipliedFullWidth(by: k1)
            h = m.high ^ m.low
        }
        let m = (h ^ k1).multipliedFullWidth(by: k0 ^ seed)
        return UInt32(truncatingIfNeeded: m.high ^ m.low)
    }

    func hash(into hasher: inout Hasher) {
        withUnsafeBytes { hasher.combine(bytes: $0) }
    }

    @inline(__always)
    static func == (lhs: KeyBytes, rhs: KeyBytes) -> Bool {
        lhs.storage == rhs.storage
    }

    /// Whether these bytes equal a buffer's readable bytes, without copying either.
    @inline(__always)
    func equals(_ raw: UnsafeRawBufferPointer) -> Bool {
        withUnsafeBytes { mine in
            guard mine.count == raw.count else { return false }
            guard let x = mine.baseAddress, let y = raw.baseAddress else { return true }
            return memcmp(x, y, raw.count) == 0
        }
    }
}

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
