import Crypto
import RESP
import RateLimit
import Semantic

/// The semantic cache's vector index on a RESP server with vector search (Redis 8, Redis Stack,
/// `archlab redis-server`): entries are hashes under `prefix` holding the partition (a TAG),
/// the prompt, the answer and the prompt's embedding as a FLOAT32 blob, found with `FT.SEARCH`
/// KNN. One index per embedder and dimension, so gateways with the same embedder share it.
public struct SharedSemanticIndex: Sendable, Hashable {
    public let name: String
    public let prefix: String
    public let dimension: Int

    /// `namespace` begins every key and the index's name: gateways share `archlab:semantic:`, a
    /// scenario run has its own (dropped with its entries when the run ends).
    public init(embedder: String, dimension: Int, namespace: String = "archlab:semantic:") {
        name = "\(namespace)\(embedder):\(dimension):idx"
        prefix = "\(namespace)\(embedder):\(dimension):"
        self.dimension = dimension
    }

    /// Whether the server can hold the index, and the index once it exists.
    public enum Availability: Sendable, Hashable {
        case ready(SharedSemanticIndex)
        /// The server has no vector search (a plain Redis 7.0): the server's reply, for the warning.
        case unsupported(reason: String)
    }

    /// The `FT.CREATE` arguments of this index.
    public var createCommand: [String] {
        [
            "FT.CREATE", name, "ON", "HASH", "PREFIX", "1", prefix, "SCHEMA", "partition", "TAG",
            "embedding", "VECTOR", "FLAT", "6", "TYPE", "FLOAT32", "DIM", String(dimension), "DISTANCE_METRIC",
            "COSINE",
        ]
    }

    /// Creates the index unless it exists (`FT.INFO` first; another gateway creating it at the same
    /// time is fine). I/O failures throw; a server without the commands is `.unsupported`.
    public static func prepare(
        on redis: any RESPCommandSender, embedder: String, dimension: Int, namespace: String = "archlab:semantic:"
    ) async throws -> Availability {
        let index = SharedSemanticIndex(embedder: embedder, dimension: dimension, namespace: namespace)
        guard case .error(let missing) = try await redis.send(["FT.INFO", index.name]) else { return .ready(index) }
        if missing.lowercased().contains("unknown command") { return .unsupported(reason: missing) }
        let created = try await redis.send(index.createCommand)
        if case .error(let message) = created, !message.lowercased().contains("already exists") {
            return .unsupported(reason: message)
        }
        return .ready(index)
    }

    /// The embedding as Redis stores a FLOAT32 vector: four little-endian bytes per component.
    public static func blob(_ vector: [Float]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(vector.count * 4)
        for component in vector {
            let bits = component.bitPattern.littleEndian
            for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: bits >> shift)) }
        }
        return bytes
    }

    /// The partition as a TAG value: SHA-256 hex of its fields, so no character needs escaping.
    static func tag(_ partition: CachePartition) -> String {
        let parameters = partition.parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        let material = [partition.tenant, partition.model, partition.systemPrompt] + parameters
        return CacheKey.hex(SHA256.hash(data: CacheKey.joined(material, separator: 0x1F)))
    }
}

/// Step 3's semantic cache with its entries on the shared server: the same partition, the same
/// threshold rule and the same outcome as ``SemanticCacheStage``, but every gateway on the server
/// sees every stored answer. Fails open: a search or store the server does not answer is a miss.
public struct SharedSemanticCacheStage: GatewayStage {
    public let index: SharedSemanticIndex
    public let redis: any RESPCommandSender
    public let embedder: any Embedder
    public let threshold: Float
    public let ttlSeconds: Int
    public let identifierGuard: IdentifierGuard
    let failures: SharedStateFailures

    public init(
        index: SharedSemanticIndex, redis: any RESPCommandSender, embedder: any Embedder, threshold: Float,
        ttlSeconds: Int, identifierGuard: IdentifierGuard, failures: SharedStateFailures
    ) {
        self.index = index
        self.redis = redis
        self.embedder = embedder
        self.threshold = threshold
        self.ttlSeconds = ttlSeconds
        self.identifierGuard = identifierGuard
        self.failures = failures
    }

    /// `stages` with every in-process ``SemanticCacheStage`` (bare or stream-bypassed) replaced by
    /// one on `shared`'s index, with the replaced cache's embedder, threshold and TTL.
    public static func substitute(
        in stages: [any GatewayStage], shared: SharedState, index: SharedSemanticIndex
    ) -> [any GatewayStage] {
        let redis = RESPPooledSender(shared.connections)
        func replaced(_ local: SemanticCacheStage) -> SharedSemanticCacheStage {
            let configuration = local.cache.configuration
            return SharedSemanticCacheStage(
                index: index, redis: redis, embedder: local.cache.embedder, threshold: configuration.threshold,
                ttlSeconds: max(1, Int(configuration.ttl.rounded(.up))), identifierGuard: local.identifierGuard,
                failures: shared.failures)
        }
        return stages.map { stage in
            if let local = stage as? SemanticCacheStage { return replaced(local) }
            if let bypass = stage as? StreamBypass, let local = bypass.inner as? SemanticCacheStage {
                return StreamBypass(replaced(local))
            }
            return stage
        }
    }

    public func handle(_ request: GatewayRequest, next: GatewayNext) async throws -> GatewayResult {
        // An answer shaped by the caller's own context (lesson 8) is never a neighbour's to reuse.
        guard request.request.temperature == 0, request.request.context.isEmpty else { return try await next(request) }
        let searchMs = SimulatedCosts.vectorSearchMs + SimulatedCosts.embedding(embedder.name)
        var parameters = [
            "temperature": "\(request.request.temperature)", "max_tokens": "\(request.request.maxTokens)",
        ]
        if let identifiers = identifierGuard.partitionKey(for: request.request.prompt) {
            parameters["identifiers"] = identifiers
        }
        let partition = CachePartition(
            tenant: request.request.tenant, model: request.request.model,
            systemPrompt: request.request.systemPrompt, parameters: parameters
        )
        let tag = SharedSemanticIndex.tag(partition)
        let vector = try embedder.embed(request.request.prompt)
        let searchable = vector.contains { $0 != 0 }
        let blob = SharedSemanticIndex.blob(vector)
        var nearest: (similarity: Double, response: String?)?
        if searchable {
            nearest = await search(tag: tag, blob: blob)
            if let found = nearest, found.similarity >= Double(threshold), let stored = found.response,
                let cached = CachedAnswer.decode(stored.utf8)
            {
                return GatewayResult(
                    outcome: .semanticHit(similarity: found.similarity, intent: cached.intent), status: 200,
                    text: cached.text, latencyMs: searchMs, similarity: found.similarity
                )
            }
        }
        var missed = request
        missed.nearestSimilarity = nearest?.similarity
        var result = try await next(missed)
        if result.isCacheable && searchable {
            let entry = CachedAnswer(
                text: result.text, model: request.request.model, intent: request.label, createdMs: request.atMs
            )
            await store(entry.encoded, prompt: request.request.prompt, tag: tag, blob: blob)
        }
        result.similarity = nearest?.similarity
        result.latencyMs += searchMs
        return result
    }

    /// The nearest stored prompt in the partition: `FT.SEARCH … KNN 1`, cosine distance → similarity.
    func search(tag: String, blob: [UInt8]) async -> (similarity: Double, response: String?)? {
        let command: [[UInt8]] = [
            "FT.SEARCH", index.name, "(@partition:{\(tag)})=>[KNN 1 @embedding $vec AS score]", "PARAMS", "2",
            "vec",
        ].map { Array($0.utf8) } + [blob] + [
            "SORTBY", "score", "RETURN", "2", "score", "response", "LIMIT", "0", "1", "DIALECT", "2",
        ].map { Array($0.utf8) }
        do {
            let reply = try await redis.sendRaw([command])[0]
            guard case .array(let parts) = reply, let total = parts.first else {
                failures.recordSemanticCache()
                return nil
            }
            guard case .integer(let count) = total, count > 0, parts.count >= 3, case .array(let fields) = parts[2]
            else { return nil }
            var values: [String: String] = [:]
            for pair in stride(from: 0, to: fields.count - 1, by: 2) {
                if let name = fields[pair].text, let value = fields[pair + 1].text { values[name] = value }
            }
            guard let distance = values["score"].flatMap(Double.init) else { return nil }
            return (1 - distance, values["response"])
        } catch {
            failures.recordSemanticCache()
            return nil
        }
    }

    /// Stores the answer under a key of the partition and normalised prompt (a repeat replaces it).
    func store(_ response: String, prompt: String, tag: String, blob: [UInt8]) async {
        let material = [tag, CacheKey.normalise(prompt)]
        let key = index.prefix + CacheKey.hex(SHA256.hash(data: CacheKey.joined(material, separator: 0x1F)))
        let write: [[UInt8]] =
            ["HSET", key, "partition", tag, "prompt", prompt, "response", response, "embedding"].map {
                Array($0.utf8)
            } + [blob]
        let expire = ["EXPIRE", key, String(ttlSeconds)].map { Array($0.utf8) }
        do {
            let replies = try await redis.sendRaw([write, expire])
            if replies.contains(where: { if case .error = $0 { true } else { false } }) {
                failures.recordSemanticCache()
            }
        } catch {
            failures.recordSemanticCache()
        }
    }
}
