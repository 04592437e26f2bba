/// Scratch buffers for one forward pass, sized for the longest sequence and reused across calls
/// so a call touches warm memory instead of freshly faulted pages.
final class EncoderWorkspace {
    let capacity: Int
    let hidden: UnsafeMutablePointer<Float>
    let qkv: UnsafeMutablePointer<Float>
    let context: UnsafeMutablePointer<Float>
    let projected: UnsafeMutablePointer<Float>
    let intermediate: UnsafeMutablePointer<Float>
    let scores: UnsafeMutablePointer<Float>
    let padding: UnsafeMutablePointer<Float>
    /// One head's keys transposed, `[headDim][capacity rounded up to 8]`.
    let keysTransposed: UnsafeMutablePointer<Float>
    private let sizes: [Int]

    init(capacity: Int, hiddenSize: Int, intermediateSize: Int) {
        self.capacity = capacity
        sizes = [
            capacity * hiddenSize, capacity * 3 * hiddenSize, capacity * hiddenSize, capacity * hiddenSize,
            capacity * intermediateSize, capacity * (capacity + 8),
            PackedLinear.scratchCount(rows: capacity, inputs: max(hiddenSize, intermediateSize)),
            hiddenSize * (capacity + 8),
        ]
        func buffer(_ count: Int) -> UnsafeMutablePointer<Float> {
            let pointer = UnsafeMutablePointer<Float>.allocate(capacity: count)
            pointer.initialize(repeating: 0, count: count)
            return pointer
        }
        hidden = buffer(sizes[0])
        qkv = buffer(sizes[1])
        context = buffer(sizes[2])
        projected = buffer(sizes[3])
        intermediate = buffer(sizes[4])
        scores = buffer(sizes[5])
        padding = buffer(sizes[6])
        keysTransposed = buffer(sizes[7])
    }

    deinit {
        for pointer in [hidden, qkv, context, projected, intermediate, scores, padding, keysTransposed] {
            pointer.deallocate()
        }
    }
}
