import ServerSupport

// A deliberate bug for ExerciseBugsEndToEndTests: a lookup looks at every tenant's entries.

/// How alike two embeddings are.
public enum Similarity {
    /// Cosine similarity in [-1, 1]: the dot product over the product of the lengths; 0 when either is all zeros.
    public static func cosine(_ a: [Float], _ b: [Float]) -> Double {
        var dot = 0.0
        var lengthA = 0.0
        var lengthB = 0.0
        for (x, y) in zip(a, b) {
            dot += Double(x) * Double(y)
            lengthA += Double(x) * Double(x)
            lengthB += Double(y) * Double(y)
        }
        guard lengthA > 0, lengthB > 0 else { return 0 }
        return dot / (lengthA.squareRoot() * lengthB.squareRoot())
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
    private struct Entry {
        let tenant: String
        let prompt: String
        let identifiers: [String]
        let embedding: [Float]
        let answer: String
    }

    public let threshold: Double
    private var entries: [Entry] = []

    public init(threshold: Double) {
        self.threshold = threshold
    }

    /// The stored answer of this tenant, about the same identifiers, whose embedding is most similar, when the
    /// similarity reaches the threshold.
    public func lookup(tenant: String, prompt: String, embedding: [Float]) -> SemanticMatch? {
        let identifiers = Self.identifiers(in: prompt)
        let best = entries.filter { $0.identifiers == identifiers }
            .map { (entry: $0, similarity: Similarity.cosine(embedding, $0.embedding)) }
            .max { $0.similarity < $1.similarity }
        guard let best, best.similarity >= threshold else { return nil }
        return SemanticMatch(answer: best.entry.answer, similarity: best.similarity, prompt: best.entry.prompt)
    }

    public func store(tenant: String, prompt: String, embedding: [Float], answer: String) {
        entries.removeAll { $0.tenant == tenant && $0.prompt == prompt }
        entries.append(
            Entry(
                tenant: tenant, prompt: prompt, identifiers: Self.identifiers(in: prompt), embedding: embedding,
                answer: answer))
    }

    /// The tokens of `text` that hold a digit, lowercased and sorted. A token is a run of letters and digits, with
    /// a single `-`, `.`, `_`, `/` or `:` allowed between two of them: "INV-2024-0042", "v2", "3.5", "2fa".
    public static func identifiers(in text: String) -> [String] {
        let characters = Array(text)
        var found: [String] = []
        var token = ""
        for (index, character) in characters.enumerated() {
            if character.isLetter || character.isASCIIDigit {
                token += character.lowercased()
            } else if "-._/:".contains(character), !token.isEmpty, index + 1 < characters.count,
                characters[index + 1].isLetter || characters[index + 1].isASCIIDigit
            {
                token.append(character)
            } else {
                if token.contains(where: \.isASCIIDigit) { found.append(token) }
                token = ""
            }
        }
        if token.contains(where: \.isASCIIDigit) { found.append(token) }
        return found.sorted()
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
