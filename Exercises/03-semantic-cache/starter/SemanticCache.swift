import ServerSupport

/// How alike two embeddings are.
public enum Similarity {
    /// Cosine similarity in [-1, 1]: the dot product of `a` and `b` over the product of their lengths
    /// (`sqrt(Σ x²)`). 1 is the same direction, 0 unrelated, -1 opposite; 0 when either vector is all zeros
    /// (never NaN). The vectors have the same length.
    public static func cosine(_ a: [Float], _ b: [Float]) -> Double {
        // TODO: dot product over the product of the lengths.
        return 0
    }
}

/// A stored answer a lookup found, with how similar its prompt was.
public struct SemanticMatch {
    public let answer: String
    public let similarity: Double
    public let prompt: String

    public init(answer: String, similarity: Double, prompt: String) {
        self.answer = answer
        self.similarity = similarity
        self.prompt = prompt
    }
}

/// Step 3 of server.swift: a semantic cache. A question worded differently finds the answer to one asked before
/// when their embeddings are similar enough, within the same tenant and about the same identifiers.
public final class SemanticCache {
    public let threshold: Double
    // TODO: keep what `store` was given.

    public init(threshold: Double) {
        self.threshold = threshold
    }

    /// The answer stored for the most similar prompt, when its similarity is at least `threshold`; nil otherwise.
    /// Only this tenant's entries count (one tenant never sees another's answers), and only those whose prompt
    /// holds the same identifiers (`identifiers(in:)`): "order #4512" and "order #4513" embed almost identically,
    /// yet one's answer is wrong for the other.
    public func lookup(tenant: String, prompt: String, embedding: [Float]) -> SemanticMatch? {
        // TODO: among this tenant's entries with the same identifiers, the most similar, if similar enough.
        return nil
    }

    /// Stores `answer` for `prompt`; storing the same tenant's same prompt again replaces its answer.
    public func store(tenant: String, prompt: String, embedding: [Float], answer: String) {
        // TODO: remember the entry.
    }

    /// The identifiers of `text`, sorted (a repeated one counts twice): every token that holds a digit. A token is
    /// a run of letters and digits, lowercased, with a single `-`, `.`, `_`, `/` or `:` kept when a letter or digit
    /// comes on both sides; anything else (spaces, `#`, `?`, `,`, `$`) ends it.
    /// "Where is order #4512?" → ["4512"]; "Invoice INV-2024-0042, v2" → ["inv-2024-0042", "v2"];
    /// "Book 2 seats in row 12" → ["12", "2"]; "How do I reset my password?" → [].
    public static func identifiers(in text: String) -> [String] {
        // TODO: split into tokens, keep those with a digit, sort.
        return []
    }
}
