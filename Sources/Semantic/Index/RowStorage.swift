#if canImport(Glibc)
import Glibc
#endif

/// A flat index's contiguous rows: 64-byte aligned, and from 2 MiB on aligned to 2 MiB and advised
/// for transparent huge pages (where Linux offers them), which spares a scan of a big index a TLB miss
/// every 4 KiB. A value type like `Array`: copies share the buffer until one of them writes.
struct RowStorage<Scalar: BitwiseCopyable & Sendable>: Sendable {
    private var buffer = RowBuffer<Scalar>(capacity: 0)

    /// Stored scalars (rows × dimension).
    var count: Int { buffer.count }

    mutating func append(contentsOf values: [Scalar]) {
        reserve(count + values.count)
        values.withUnsafeBufferPointer { source in
            guard let from = source.baseAddress else { return }
            (buffer.base + buffer.count).initialize(from: from, count: source.count)
        }
        buffer.count += values.count
    }

    /// Overwrites `length` scalars at `destination` with those at `source` (the ranges must not overlap).
    mutating func copy(from source: Int, to destination: Int, length: Int) {
        makeUnique()
        (buffer.base + destination).update(from: buffer.base + source, count: length)
    }

    mutating func removeLast(_ length: Int) {
        makeUnique()
        buffer.count -= min(length, buffer.count)
    }

    subscript(range: Range<Int>) -> [Scalar] {
        Array(UnsafeBufferPointer(start: buffer.base + range.lowerBound, count: range.count))
    }

    func withUnsafePointer<Result>(_ body: (UnsafePointer<Scalar>) -> Result) -> Result {
        withExtendedLifetime(buffer) { body(UnsafePointer(buffer.base)) }
    }

    private mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&buffer) { buffer = buffer.copy(capacity: buffer.capacity) }
    }

    private mutating func reserve(_ needed: Int) {
        if needed > buffer.capacity {
            buffer = buffer.copy(capacity: max(needed, 2 * buffer.capacity))
        } else {
            makeUnique()
        }
    }
}

/// The memory behind `RowStorage`; only written while uniquely referenced (copy-on-write).
final class RowBuffer<Scalar: BitwiseCopyable>: @unchecked Sendable {
    static var hugePageBytes: Int { 2 << 20 }

    let base: UnsafeMutablePointer<Scalar>
    let capacity: Int
    var count = 0

    init(capacity: Int) {
        let stride = MemoryLayout<Scalar>.stride
        let wanted = max(capacity, 64 / stride) * stride
        let huge = wanted >= Self.hugePageBytes
        let bytes = huge ? (wanted + Self.hugePageBytes - 1) / Self.hugePageBytes * Self.hugePageBytes : wanted
        let raw = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: huge ? Self.hugePageBytes : 64)
        #if canImport(Glibc)
        // Before the first touch, so page faults can hand out 2 MiB pages; refused or disabled THP leaves 4 KiB pages.
        if huge { _ = madvise(raw, bytes, MADV_HUGEPAGE) }
        #endif
        self.base = raw.bindMemory(to: Scalar.self, capacity: bytes / stride)
        self.capacity = bytes / stride
    }

    /// A new buffer of `capacity` scalars holding this one's.
    func copy(capacity: Int) -> RowBuffer {
        let fresh = RowBuffer(capacity: max(capacity, count))
        fresh.base.initialize(from: base, count: count)
        fresh.count = count
        return fresh
    }

    deinit {
        UnsafeMutableRawPointer(base).deallocate()
    }
}
