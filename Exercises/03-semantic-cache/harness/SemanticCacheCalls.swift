// Provided by ArchLab: do not edit (`archlab check` verifies this file before every check).
import ServerSupport
import ServerSwift

/// `semanticCache.cosine`, `.lookup`, `.store` and `.ask` (a lookup, and on a miss a store of `answer`: what the
/// gateway does). One cache per test, made on the first call with its `threshold`. Vectors come from the checker.
final class SemanticCacheCalls: HarnessAdapter {
    static let namespace = "semanticCache"
    private var cache: SemanticCache?

    init() {}

    func call(_ name: String, _ args: HarnessArgs) throws -> Any {
        if name == "cosine" {
            return number(Similarity.cosine(try vector(args, "a"), try vector(args, "b")))
        }
        let cache = try self.cache ?? SemanticCache(threshold: args.double("threshold"))
        self.cache = cache
        let tenant = try args.string("tenant")
        let prompt = try args.string("prompt")
        let embedding = try vector(args, "embedding")
        switch name {
        case "store":
            cache.store(tenant: tenant, prompt: prompt, embedding: embedding, answer: try args.string("answer"))
            return true
        case "lookup", "ask":
            guard let match = cache.lookup(tenant: tenant, prompt: prompt, embedding: embedding) else {
                if name == "ask" {
                    cache.store(tenant: tenant, prompt: prompt, embedding: embedding, answer: try args.string("answer"))
                }
                return ["hit": false]
            }
            return [
                "hit": true, "answer": match.answer, "prompt": match.prompt, "similarity": number(match.similarity),
            ]
        default:
            throw HarnessError(description: "unknown call semanticCache.\(name)")
        }
    }

    /// A similarity as JSON can carry it: NaN and infinities as text, so the test shows them.
    private func number(_ value: Double) -> Any {
        value.isFinite ? value : "\(value)"
    }

    private func vector(_ args: HarnessArgs, _ key: String) throws -> [Float] {
        guard let values = args.values[key] as? [Any] else {
            throw HarnessError(description: "argument `\(key)` must be an array of numbers")
        }
        return try values.map { value in
            if let number = value as? Double { return Float(number) }
            if let number = value as? Int { return Float(number) }
            throw HarnessError(description: "argument `\(key)` must be an array of numbers")
        }
    }
}
