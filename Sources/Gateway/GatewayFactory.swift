import Clocks
import RESP
import RateLimit
import Semantic

/// Builds the gateway of one server.swift step for real time (`archlab serve`, the REPL's
/// `serve start`): the given clock, RESP store, embedder and model.
public enum GatewayFactory {
    public struct Options: Sendable {
        public var step: Int = 8
        public var limiter: LimiterSpec?
        /// Limits of their own for some callers, by the name of their issued key (`serve --keys`).
        public var keyLimits: [String: LimitRate] = [:]
        public var threshold: Double = 0.95
        /// The rule a semantic hit must pass before it is served.
        public var identifierGuard: IdentifierGuard = .numbers
        public var ttlSeconds: Int = 3600
        public var latencyScale: Double = 1
        /// The semantic cache's byte budget (its share of `--cache-memory`); nil for none. With a
        /// budget, embeddings are not memoised either, so nothing grows with distinct prompts.
        public var semanticCacheBytes: Int?
        /// The RESP server every instance shares (`--redis-url`): the limiter and, when it has vector
        /// search, the semantic cache keep their state there; nil keeps them in this process.
        public var shared: SharedState?

        public init() {}
    }

    /// `clock` is what the limiter reads: `CoarseSystemClock` in `serve` (the kernel's cached tick, as Redis
    /// caches its clock per event-loop turn: a few milliseconds of slack on second-long windows, and no clock
    /// read on every request's hot path), a ``ManualClock`` in tests.
    public static func make(
        _ options: Options, redis: any RESPCommandSender, embedder: any Embedder, llm: some LLMClient,
        clock: any WallClock
    ) throws -> Gateway {
        try make(
            options, redis: redis, semanticCache: semanticCache(options, embedder: embedder), llm: llm, clock: clock)
    }

    /// The semantic cache of `options`' step (steps 3 to 8), or nil.
    public static func semanticCache(_ options: Options, embedder: any Embedder) -> SemanticCache? {
        guard options.step >= 3 else { return nil }
        var configuration = SemanticCacheConfiguration(
            threshold: Float(options.threshold), ttl: Double(options.ttlSeconds), index: .suited(to: embedder))
        if let bytes = options.semanticCacheBytes {
            configuration.maxBytes = bytes
            configuration.maxEntries = Int.max
        }
        return SemanticCache(
            embedder: options.semanticCacheBytes == nil ? MemoizingEmbedder.wherePaying(embedder) : embedder,
            configuration: configuration)
    }

    /// The gateway with a semantic cache built by the caller (who keeps it to read its size).
    public static func make(
        _ options: Options, redis: any RESPCommandSender, semanticCache: SemanticCache?, llm: some LLMClient,
        clock: any WallClock
    ) throws -> Gateway {
        var limiter: (any RateLimiting)?
        if options.step >= 5, let spec = options.limiter {
            let fallback = try Self.limiter(spec, options.shared, clock: clock, prefix: "archlab:serve")
            var overrides: [String: any RateLimiting] = [:]
            for (name, rate) in options.keyLimits {
                let own = try LimiterSpec(algorithm: spec.algorithm, rate: rate)
                overrides["key:" + name] = try Self.limiter(
                    own, options.shared, clock: clock, prefix: "archlab:serve:key")
            }
            limiter = overrides.isEmpty ? fallback : PerKeyRateLimiter(fallback: fallback, overrides: overrides)
        }
        var parts = GatewayParts(
            redis: exactCacheSender(redis, options.shared), exactTTLSeconds: options.ttlSeconds,
            semanticCache: semanticCache, limiter: limiter)
        parts.identifierGuard = options.identifierGuard
        return Gateway(
            stages: sharing(ServerSwift.stages(step: options.step, parts), options.shared),
            llm: LLMStage(llm))
    }
}
