/// A vector given by its non-zero components, buckets in increasing order: the lexical embedder's
/// vectors have a few dozen of 1,024, and a sparse index stores exactly these.
public struct SparseVector: Sendable, Equatable {
    public private(set) var dimension: Int
    public private(set) var indices: [Int32]
    public private(set) var values: [Float]

    /// `indices` must increase and stay below `dimension`, one value each (so only this module builds
    /// one from parts; indexes rely on it).
    init(dimension: Int, indices: [Int32], values: [Float]) {
        self.dimension = dimension
        self.indices = indices
        self.values = values
    }

    /// The non-zero components of `dense`.
    public init(_ dense: [Float]) {
        dimension = dense.count
        indices = []
        values = []
        for (index, value) in dense.enumerated() where value != 0 {
            indices.append(Int32(truncatingIfNeeded: index))
            values.append(value)
        }
    }

    /// All `dimension` components.
    public var dense: [Float] {
        var vector = [Float](repeating: 0, count: dimension)
        for (index, value) in zip(indices, values) { vector[Int(index)] = value }
        return vector
    }
}
