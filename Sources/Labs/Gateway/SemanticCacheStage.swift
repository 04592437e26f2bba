import Semantic

/// Step 3 of server.swift: a semantic cache. Prompts are embedded; the nearest stored prompt in
/// the same partition (tenant, model, system prompt, parameters) is served when its cosine
/// similarity reaches the threshold and the identifier guard lets it through. Every lookup
/// reports the nearest similarity, hit or miss.
public struct SemanticCacheStage: GatewayStage {
    public let cache: SemanticCache
    /// Checked on every semantic hit before it is served; a refused hit goes to the model.
    public let identifierGuard: IdentifierGuard

    public init(cache: SemanticCache, identifierGuard: IdentifierGuard = .numbers) {
        self.cache = cache
        self.identifierGuard = identifierGuard
    }

    public func handle(_ request: GatewayRequest, next: GatewayNext) async throws -> GatewayResult {
        guard request.request.temperature == 0 else { return try await next(request) }
        let searchMs = SimulatedCosts.vectorSearchMs + SimulatedCosts.embedding(cache.embedder.name)
        // ANCHOR: lookup
        // One tenant never sees another's answers: the partition is part of every lookup.
        let partition = CachePartition(
            tenant: request.request.tenant, model: request.request.model,
            systemPrompt: request.request.systemPrompt,
            parameters: ["temperature": "\(request.request.temperature)", "max_tokens": "\(request.request.maxTokens)"]
        )
        let lookup = try cache.lookup(request.request.prompt, in: partition)
        // Embeddings blur identifiers: "order #48213" is served only an answer stored for order #48213.
        let refused = lookup.isHit
            && !identifierGuard.allows(request.request.prompt, storedPrompt: lookup.nearestPrompt ?? "")
        if lookup.isHit, !refused, let stored = lookup.response, let cached = CachedAnswer.decode(Array(stored.utf8)) {
            let similarity = Double(lookup.nearestSimilarity ?? 1)
            return GatewayResult(
                outcome: .semanticHit(similarity: similarity, intent: cached.intent), status: 200,
                text: cached.text, latencyMs: searchMs, similarity: similarity
            )
        }
        // ANCHOR_END: lookup
        var missed = request
        missed.nearestSimilarity = lookup.nearestSimilarity.map(Double.init)
        var result = try await next(missed)
        // ANCHOR: store
        if result.isCacheable {
            let entry = CachedAnswer(
                text: result.text, model: request.request.model, intent: request.label, createdMs: request.atMs
            )
            try cache.store(request.request.prompt, response: entry.encoded, in: partition)
        }
        // ANCHOR_END: store
        result.similarity = lookup.nearestSimilarity.map(Double.init)
        result.refusedByGuard = refused
        result.latencyMs += searchMs
        return result
    }
}
