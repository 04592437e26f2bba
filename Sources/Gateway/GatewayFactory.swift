import Clocks
import RESP
import RateLimit
import Semantic

/// Builds the gateway of one server.swift step for real time (`archlab serve`, the REPL's
/// `serve start`): the given clock, RESP store, embedder and model.
public enum GatewayFactory {
    public struct Options: Sendable {
        public var step: Int = 8
        /// Steps 5–8: this algorithm and rate in place of the step's own limiter.
        public var limiter: LimiterSpec?
        /// Steps 5–8, when `limiter` is nil: the step's own algorithm at this rate (nil: its own rate).
        public var limitRate: LimitRate?
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
        /// Proxies whose `X-Forwarded-For` identifies the caller (`serve --trusted-proxy`); none by default.
        public var trustedProxies: Set<String> = []
        /// The RESP server every instance shares (`--redis-url`): the limiter and, when it has vector
        /// search, the semantic cache keep their state there; nil keeps them in this process.
        public var shared: SharedState?
        /// What the exact cache keys and stores (`serve --tenant-in-key=false` leaves the tenant out).
        public var cachePolicy = CachePolicy()

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
        var parts = GatewayParts(
            redis: exactCacheSender(redis, options.shared), exactTTLSeconds: options.ttlSeconds,
            semanticCache: semanticCache)
        parts.limiting = .step(algorithm: options.limiter?.algorithm, rate: options.limiter?.rate ?? options.limitRate)
        parts.keyLimits = options.keyLimits
        parts.limiterPrefix = "archlab:serve"
        parts.clock = clock
        parts.shared = options.shared
        parts.identifierGuard = options.identifierGuard
        parts.trustedProxies = options.trustedProxies
        parts.cachePolicy = options.cachePolicy
        return Gateway(
            stages: sharing(try ServerSwift.stages(step: options.step, parts), options.shared),
            llm: LLMStage(llm))
    }
}
