/// Small dense-vector helpers shared by embedders, indexes and the cache.
public enum VectorMath {
    /// Dot product of two equally long vectors (the shorter length is used if they differ).
    @inlinable
    public static func dot(_ a: [Float], _ b: [Float]) -> Float {
        let n = min(a.count, b.count)
        return a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                guard let x = pa.baseAddress, let y = pb.baseAddress else { return 0 }
                return dot(x, y, n)
            }
        }
    }

    /// Dot product over raw storage, eight lanes at a time.
    @inlinable
    public static func dot(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, _ n: Int) -> Float {
        var acc0 = SIMD8<Float>()
        var acc1 = SIMD8<Float>()
        var i = 0
        let rx = UnsafeRawPointer(x)
        let ry = UnsafeRawPointer(y)
        while i + 16 <= n {
            acc0.addProduct(
                rx.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self),
                ry.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self))
            acc1.addProduct(
                rx.loadUnaligned(fromByteOffset: i * 4 + 32, as: SIMD8<Float>.self),
                ry.loadUnaligned(fromByteOffset: i * 4 + 32, as: SIMD8<Float>.self))
            i += 16
        }
        var sum = (acc0 + acc1).sum()
        while i < n {
            sum += x[i] * y[i]
            i += 1
        }
        return sum
    }

    /// Squared Euclidean distance over raw storage, eight lanes at a time.
    @inlinable
    public static func squaredDistance(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, _ n: Int) -> Float {
        var acc = SIMD8<Float>()
        var i = 0
        let rx = UnsafeRawPointer(x)
        let ry = UnsafeRawPointer(y)
        while i + 8 <= n {
            let d =
                rx.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
                - ry.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
            acc.addProduct(d, d)
            i += 8
        }
        var sum = acc.sum()
        while i < n {
            let d = x[i] - y[i]
            sum += d * d
            i += 1
        }
        return sum
    }

    /// Euclidean length.
    public static func norm(_ a: [Float]) -> Float { dot(a, a).squareRoot() }

    /// `a` scaled to unit length; a zero vector stays zero.
    public static func normalized(_ a: [Float]) -> [Float] {
        let n = norm(a)
        guard n > 0 else { return a }
        return a.map { $0 / n }
    }

    // ANCHOR: cosine
    /// Plain cosine similarity in [-1, 1]; 0 when either vector is zero.
    public static func cosine(_ a: [Float], _ b: [Float]) -> Float {
        let na = norm(a)
        let nb = norm(b)
        guard na > 0, nb > 0 else { return 0 }
        return dot(a, b) / (na * nb)
    }
    // ANCHOR_END: cosine
}
