import Semantic

/// Step 3 of server.swift: a semantic cache. Prompts are embedded; the nearest stored prompt in
/// the same partition (tenant, model, system prompt, parameters and, with the identifier guard, the
/// prompt's identifiers) is served when its cosine similarity reaches the threshold. Every lookup
/// reports the nearest similarity, hit or miss.
public struct SemanticCacheStage: GatewayStage {
    public let cache: SemanticCache
    /// Which stored prompts a lookup may compare with (their identifiers must match with `.numbers`).
    public let identifierGuard: IdentifierGuard

    public init(cache: SemanticCache, identifierGuard: IdentifierGuard = .numbers) {
        self.cache = cache
        self.identifierGuard = identifierGuard
    }

    public func handle(_ request: GatewayRequest, next: GatewayNext) async throws -> GatewayResult {
        // An answer shaped by the caller's own context (lesson 8) is never a neighbour's to reuse.
        guard request.request.temperature == 0, request.request.context.isEmpty else { return try await next(request) }
        let searchMs = SimulatedCosts.vectorSearchMs + SimulatedCosts.embedding(cache.embedder.name)
        // ANCHOR: lookup
        // One tenant never sees another's answers: the partition is part of
        // every lookup.
        var parameters = [
            "temperature": "\(request.request.temperature)",
            "max_tokens": "\(request.request.maxTokens)",
        ]
        // Embeddings blur identifiers: a prompt about order #48213 is only
        // compared with prompts about #48213.
        let prompt = request.request.prompt
        if let identifiers = identifierGuard.partitionKey(for: prompt) {
            parameters["identifiers"] = identifiers
        }
        let partition = CachePartition(
            tenant: request.request.tenant, model: request.request.model,
            systemPrompt: request.request.systemPrompt, parameters: parameters
        )
        let lookup = try cache.lookup(prompt, in: partition)
        if lookup.isHit, let stored = lookup.response,
            let cached = CachedAnswer.decode(stored.utf8)
        {
            let similarity = Double(lookup.nearestSimilarity ?? 1)
            let hit = GatewayOutcome.semanticHit(
                similarity: similarity, intent: cached.intent)
            return GatewayResult(
                outcome: hit, status: 200, text: cached.text,
                latencyMs: searchMs, similarity: similarity)
        }
        // ANCHOR_END: lookup
        var missed = request
        missed.nearestSimilarity = lookup.nearestSimilarity.map(Double.init)
        var result = try await next(missed)
        // ANCHOR: store
        if result.isCacheable {
            let entry = CachedAnswer(
                text: result.text, model: request.request.model,
                intent: request.label, createdMs: request.atMs)
            try cache.store(prompt, response: entry.encoded, in: partition)
        }
        // ANCHOR_END: store
        result.similarity = lookup.nearestSimilarity.map(Double.init)
        result.latencyMs += searchMs
        return result
    }
}
