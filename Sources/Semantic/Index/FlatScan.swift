import CPrefetch

/// Scan kernels for `FlatIndex`: four stored rows per step share each query load and keep eight
/// independent accumulators in flight, which keeps more memory requests outstanding than one row at a time.
enum FlatScan {
    /// Scores of rows `0..<count` of `base` (row stride `dimension`) against `query`; calls `visit` with each.
    @inline(__always)
    static func scan(
        query: UnsafePointer<Float>, base: UnsafePointer<Float>, count: Int, dimension: Int,
        visit: (Int, Float) -> Void
    ) {
        let q = UnsafeRawPointer(query)
        var row = 0
        if dimension % 16 == 0 {
            let bytes = dimension * 4
            while row + 4 <= count {
                let r0 = UnsafeRawPointer(base + row * dimension)
                // The next four rows' lines are requested while these are scored (the hardware
                // prefetcher alone stops at 4 KiB boundaries); the last group re-requests its own.
                let next = r0 + (row + 8 <= count ? 4 * bytes : 0)
                var a0 = SIMD8<Float>(), b0 = SIMD8<Float>(), a1 = SIMD8<Float>(), b1 = SIMD8<Float>()
                var a2 = SIMD8<Float>(), b2 = SIMD8<Float>(), a3 = SIMD8<Float>(), b3 = SIMD8<Float>()
                var offset = 0
                while offset < bytes {
                    archlab_prefetch(next + offset)
                    archlab_prefetch(next + bytes + offset)
                    archlab_prefetch(next + 2 * bytes + offset)
                    archlab_prefetch(next + 3 * bytes + offset)
                    let q0 = q.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
                    let q1 = q.loadUnaligned(fromByteOffset: offset + 32, as: SIMD8<Float>.self)
                    a0.addProduct(q0, r0.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self))
                    b0.addProduct(q1, r0.loadUnaligned(fromByteOffset: offset + 32, as: SIMD8<Float>.self))
                    a1.addProduct(q0, r0.loadUnaligned(fromByteOffset: bytes + offset, as: SIMD8<Float>.self))
                    b1.addProduct(q1, r0.loadUnaligned(fromByteOffset: bytes + offset + 32, as: SIMD8<Float>.self))
                    a2.addProduct(q0, r0.loadUnaligned(fromByteOffset: 2 * bytes + offset, as: SIMD8<Float>.self))
                    b2.addProduct(q1, r0.loadUnaligned(fromByteOffset: 2 * bytes + offset + 32, as: SIMD8<Float>.self))
                    a3.addProduct(q0, r0.loadUnaligned(fromByteOffset: 3 * bytes + offset, as: SIMD8<Float>.self))
                    b3.addProduct(q1, r0.loadUnaligned(fromByteOffset: 3 * bytes + offset + 32, as: SIMD8<Float>.self))
                    offset += 64
                }
                visit(row, (a0 + b0).sum())
                visit(row + 1, (a1 + b1).sum())
                visit(row + 2, (a2 + b2).sum())
                visit(row + 3, (a3 + b3).sum())
                row += 4
            }
        }
        while row < count {
            visit(row, VectorMath.dot(query, base + row * dimension, dimension))
            row += 1
        }
    }

    /// The same over Float16 rows, widened to Float in registers (F16C).
    @inline(__always)
    static func scan(
        query: UnsafePointer<Float>, base: UnsafePointer<Float16>, count: Int, dimension: Int,
        visit: (Int, Float) -> Void
    ) {
        let q = UnsafeRawPointer(query)
        var row = 0
        if dimension % 16 == 0 {
            let bytes = dimension * 2
            while row + 4 <= count {
                let r0 = UnsafeRawPointer(base + row * dimension)
                var a0 = SIMD8<Float>(), b0 = SIMD8<Float>(), a1 = SIMD8<Float>(), b1 = SIMD8<Float>()
                var a2 = SIMD8<Float>(), b2 = SIMD8<Float>(), a3 = SIMD8<Float>(), b3 = SIMD8<Float>()
                var offset = 0
                while offset < bytes {
                    let q0 = q.loadUnaligned(fromByteOffset: 2 * offset, as: SIMD8<Float>.self)
                    let q1 = q.loadUnaligned(fromByteOffset: 2 * offset + 32, as: SIMD8<Float>.self)
                    a0.addProduct(q0, widen(r0, offset))
                    b0.addProduct(q1, widen(r0, offset + 16))
                    a1.addProduct(q0, widen(r0, bytes + offset))
                    b1.addProduct(q1, widen(r0, bytes + offset + 16))
                    a2.addProduct(q0, widen(r0, 2 * bytes + offset))
                    b2.addProduct(q1, widen(r0, 2 * bytes + offset + 16))
                    a3.addProduct(q0, widen(r0, 3 * bytes + offset))
                    b3.addProduct(q1, widen(r0, 3 * bytes + offset + 16))
                    offset += 32
                }
                visit(row, (a0 + b0).sum())
                visit(row + 1, (a1 + b1).sum())
                visit(row + 2, (a2 + b2).sum())
                visit(row + 3, (a3 + b3).sum())
                row += 4
            }
        }
        while row < count {
            visit(row, FlatIndex.dotHalf(query, base + row * dimension, dimension))
            row += 1
        }
    }

    @inline(__always)
    private static func widen(_ base: UnsafeRawPointer, _ offset: Int) -> SIMD8<Float> {
        SIMD8<Float>(base.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float16>.self))
    }
}
