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
        public var threshold: Double = 0.95
        /// The rule a semantic hit must pass before it is served.
        public var identifierGuard: IdentifierGuard = .numbers
        public var ttlSeconds: Int = 3600
        public var latencyScale: Double = 1

        public init() {}
    }

    /// `clock` is what the limiter reads: `CoarseSystemClock` in `serve` (the kernel's cached tick, as Redis
    /// caches its clock per event-loop turn: a few milliseconds of slack on second-long windows, and no clock
    /// read on every request's hot path), a ``ManualClock`` in tests.
    public static func make(
        _ options: Options, redis: any RESPCommandSender, embedder: any Embedder, llm: some LLMClient,
        clock: any WallClock
    ) throws -> Gateway {
        let semantic = options.step >= 3
            ? SemanticCache(
                embedder: MemoizingEmbedder.wherePaying(embedder),
                configuration: SemanticCacheConfiguration(
                    threshold: Float(options.threshold), ttl: Double(options.ttlSeconds), index: .suited(to: embedder)))
            : nil
        let limiter = options.step >= 5
            ? try options.limiter?.makeLimiter(clock: clock, prefix: "archlab:serve") : nil
        var parts = GatewayParts(redis: redis, exactTTLSeconds: options.ttlSeconds, semanticCache: semantic, limiter: limiter)
        parts.identifierGuard = options.identifierGuard
        return Gateway(
            stages: ServerSwift.stages(step: options.step, parts),
            llm: LLMStage(llm))
    }
}
