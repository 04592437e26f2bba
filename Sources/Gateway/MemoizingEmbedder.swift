import Semantic
import Synchronization

/// Embeds each distinct text once and reuses the vector: a scenario of 100,000 requests over a
/// few hundred distinct prompts pays for a few hundred MiniLM forward passes, not 100,000.
public final class MemoizingEmbedder: Embedder {
    private let inner: any Embedder
    private let memo = Mutex<[String: [Float]]>([:])
    private let sparseMemo = Mutex<[String: SparseVector]>([:])

    public init(_ inner: any Embedder) {
        self.inner = inner
    }

    /// `embedder` memoised where that pays: the lexical embedder hashes a prompt in about a
    /// microsecond, less than finding and keeping its vector, so it is used as it is.
    public static func wherePaying(_ embedder: any Embedder) -> any Embedder {
        embedder is LexicalEmbedder ? embedder : MemoizingEmbedder(embedder)
    }

    public var name: String { inner.name }
    public var dimension: Int { inner.dimension }
    public var vectorsAreSparse: Bool { inner.vectorsAreSparse }

    public func tokens(for text: String) -> [String] {
        inner.tokens(for: text)
    }

    public func embed(_ text: String) throws -> [Float] {
        if let known = memo.withLock({ $0[text] }) { return known }
        let vector = try inner.embed(text)
        memo.withLock { $0[text] = vector }
        return vector
    }

    public func sparseEmbedding(_ text: String) throws -> SparseVector {
        if let known = sparseMemo.withLock({ $0[text] }) { return known }
        let vector = try inner.sparseEmbedding(text)
        sparseMemo.withLock { $0[text] = vector }
        return vector
    }
}
