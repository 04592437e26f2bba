import Clocks
import CourseKit
import Foundation
import Gateway
import Semantic

/// Gateway's `SemanticCacheStage` (tenant partitions, `IdentifierGuard.numbers`) around Semantic's `SemanticCache`,
/// fed the checker's vectors instead of an embedder's; cosine similarity is `VectorMath.cosine`.
/// `semanticCache.lookup` and `semanticCache.ask` go through the stage (`ask` answers a miss, which the stage
/// stores); `semanticCache.store` stores into the partition the stage would use.
final class SemanticCacheReference: AsyncExerciseReference {
    private let vectors = SuppliedVectors()
    private var stage: SemanticCacheStage?

    func expectedAsync(
        call: String, args: [String: ExerciseValue]
    ) async throws(ReferenceError) -> ExerciseValue {
        if call == "semanticCache.cosine" {
            return .number(Double(VectorMath.cosine(try args.vector("a"), try args.vector("b"))))
        }
        let tenant = try args.string("tenant")
        let prompt = try args.string("prompt")
        let embedding = try args.vector("embedding")
        let stage = try self.stage(threshold: try args.number("threshold"), dimension: embedding.count)
        vectors.set(prompt, embedding)
        // The model, system prompt and parameters are fixed: the learner's cache partitions by tenant only.
        let request = LLMRequest(tenant: tenant, model: "gpt-4o", systemPrompt: "", prompt: prompt)
        do {
            switch call {
            case "semanticCache.store":
                let answer = try args.string("answer")
                let partition = CachePartition(
                    tenant: tenant, model: request.model, systemPrompt: request.systemPrompt,
                    parameters: [
                        "temperature": "\(request.temperature)", "max_tokens": "\(request.maxTokens)",
                        "identifiers": IdentifierGuard.numbers.partitionKey(for: prompt) ?? "",
                    ])
                let entry = CachedAnswer(text: answer, model: request.model, intent: prompt, createdMs: 0)
                try stage.cache.store(prompt, response: entry.encoded, in: partition)
                return .bool(true)
            case "semanticCache.lookup", "semanticCache.ask":
                // The stored entry's label is its prompt, so a hit names the prompt it matched.
                let answer = call == "semanticCache.ask" ? try args.string("answer") : nil
                let result = try await stage.handle(
                    GatewayRequest(
                        request: request, apiKey: nil, clientAddress: "", stream: false, atMs: 0, label: prompt)
                ) { _ in
                    GatewayResult(
                        outcome: .miss, status: answer == nil ? 502 : 200, text: answer ?? "", latencyMs: 0,
                        complete: answer != nil)
                }
                guard case .semanticHit(let similarity, let matched) = result.outcome else {
                    return .object(["hit": .bool(false)])
                }
                return .object([
                    "hit": .bool(true), "answer": .string(result.text), "prompt": .string(matched ?? ""),
                    "similarity": .number(similarity),
                ])
            default:
                throw ReferenceError(description: "semantic.cache has no call \(call)")
            }
        } catch let error as ReferenceError {
            throw error
        } catch {
            throw ReferenceError(description: "\(error)")
        }
    }

    /// The stage, made on the first call with its threshold and the vectors' dimension.
    private func stage(threshold: Double, dimension: Int) throws(ReferenceError) -> SemanticCacheStage {
        if let stage { return stage }
        guard dimension > 0 else { throw ReferenceError(description: "`embedding` must not be empty") }
        vectors.dimension = dimension
        let cache = SemanticCache(
            embedder: vectors, configuration: SemanticCacheConfiguration(threshold: Float(threshold)),
            clock: ManualClock(milliseconds: 1_700_000_000_000))
        let made = SemanticCacheStage(cache: cache, identifierGuard: .numbers)
        stage = made
        return made
    }
}

/// An embedder that answers the vector the checker gave for a prompt, scaled to unit length like every embedder's.
final class SuppliedVectors: Embedder, @unchecked Sendable {
    private let lock = NSLock()
    private var vectors: [String: [Float]] = [:]
    private var length = 0

    let name = "supplied"

    var dimension: Int {
        get { lock.withLock { length } }
        set { lock.withLock { length = newValue } }
    }

    func set(_ prompt: String, _ vector: [Float]) {
        lock.withLock { vectors[prompt] = VectorMath.normalized(vector) }
    }

    func tokens(for text: String) -> [String] { [] }

    func embed(_ text: String) throws -> [Float] {
        guard let vector = lock.withLock({ vectors[text] }) else {
            throw ReferenceError(description: "no vector was given for the prompt \(text)")
        }
        return vector
    }
}

extension [String: ExerciseValue] {
    /// An array of numbers as a `Float` vector.
    func vector(_ key: String) throws(ReferenceError) -> [Float] {
        guard case .array(let values)? = self[key] else {
            throw ReferenceError(description: "argument `\(key)` must be an array of numbers")
        }
        var vector: [Float] = []
        for value in values {
            guard case .number(let number) = value else {
                throw ReferenceError(description: "argument `\(key)` must be an array of numbers")
            }
            vector.append(Float(number))
        }
        return vector
    }
}
