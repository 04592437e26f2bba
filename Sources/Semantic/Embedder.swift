/// Turns text into a fixed-length vector whose cosine similarity with another text's vector
/// says how alike the two texts are. Implementations are deterministic and thread-safe.
public protocol Embedder: Sendable {
    /// Short identifier used in output and in cache partitions, e.g. `minilm` or `lexical`.
    var name: String { get }
    /// Length of every vector this embedder returns.
    var dimension: Int { get }
    /// The units the embedder sees for `text` (WordPiece tokens or lexical words), for display.
    func tokens(for text: String) -> [String]
    /// The L2-normalised embedding of `text` (all zeros only when the text has no features).
    func embed(_ text: String) throws -> [Float]
    /// Embeddings of several texts, in order.
    func embed(batch texts: [String]) throws -> [[Float]]
    /// True when most components of every vector are zero, so an inverted (sparse) index searches them fastest.
    var vectorsAreSparse: Bool { get }
    /// `embed(text)` as its non-zero components; embedders with sparse vectors compute it without the dense one.
    func sparseEmbedding(_ text: String) throws -> SparseVector
}

extension Embedder {
    public var vectorsAreSparse: Bool { false }

    public func embed(batch texts: [String]) throws -> [[Float]] {
        try texts.map { try embed($0) }
    }

    public func sparseEmbedding(_ text: String) throws -> SparseVector {
        SparseVector(try embed(text))
    }

    /// Plain cosine similarity of the two texts' embeddings, in [-1, 1].
    public func similarity(_ a: String, _ b: String) throws -> Float {
        VectorMath.cosine(try embed(a), try embed(b))
    }
}
