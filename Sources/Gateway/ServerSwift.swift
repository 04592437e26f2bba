import Clocks
import RESP
import RateLimit
import Semantic

/// What the steps of server.swift are built from.
public struct GatewayParts: Sendable {
    /// Any RESP connection: the in-process Keyspace, `archlab redis-server`, or a real Redis.
    public var redis: any RESPCommandSender
    public var exactTTLSeconds: Int
    /// Put before every exact-cache key (a run's own namespace on a shared server).
    public var exactKeyPrefix: String = ""
    public var semanticCache: SemanticCache?
    /// Which limiter steps 5–8 run: by default each step's own.
    public var limiting: Limiting
    /// The rule a semantic hit must pass before it is served (lesson 3).
    public var identifierGuard: IdentifierGuard = .numbers
    /// Proxies whose `X-Forwarded-For` the identify stage believes (`serve --trusted-proxy`); none by default.
    public var trustedProxies: Set<String> = []
    /// What the model charges per token: the cost meter prices every call with it (step 1).
    public var prices: PriceList = .gpt4o
    /// What the limiters read, and the instant the RateLimit headers count from.
    public var clock: any WallClock = SystemClock()
    /// Put before the limiters' keys.
    public var limiterPrefix = "ratelimit"
    /// Limits of their own for some callers, by the name of their issued key (`serve --keys`),
    /// run by the step's algorithm.
    public var keyLimits: [String: LimitRate] = [:]
    /// The RESP server several gateways share (`--redis-url`): the limiters keep their state there.
    public var shared: SharedState?
    /// What the exact cache may key and store (lesson 8's security lab): safe by default.
    public var cachePolicy = CachePolicy()

    /// A `limiter` replaces the limiter of every step from 5 on; nil keeps each step's own.
    public init(
        redis: any RESPCommandSender, exactTTLSeconds: Int = 3600, semanticCache: SemanticCache? = nil,
        limiter: (any RateLimiting)? = nil
    ) {
        self.redis = redis
        self.exactTTLSeconds = exactTTLSeconds
        self.semanticCache = semanticCache
        if let limiter {
            self.limiting = .given(limiter)
        } else {
            self.limiting = .step()
        }
    }

    /// Which limiter steps 5–8 run.
    public enum Limiting: Sendable {
        /// The step's own, with `algorithm` and `rate` in place of its own where given (a
        /// scenario's `algorithm` and `limit`, `archlab serve --algorithm` and `--limit`).
        case step(algorithm: String? = nil, rate: LimitRate? = nil)
        /// This limiter, whatever the step.
        case given(any RateLimiting)
        /// None at all (a scenario's `limit=none`).
        case off
    }

    /// The rate-limit stage of a step whose own limiter is `own`, or of the limiter `limiting`
    /// chose instead; nil when limiting is off.
    public func rateLimit(or own: LimiterSpec) throws -> RateLimitStage? {
        switch limiting {
        case .off:
            return nil
        case .given(let limiter):
            return RateLimitStage(limiter: limiter)
        case .step(let algorithm, let rate):
            let spec = try LimiterSpec(algorithm: algorithm ?? own.algorithm, rate: rate ?? own.rate)
            var limiter = try makeLimiter(spec, prefix: limiterPrefix)
            if !keyLimits.isEmpty {
                var overrides: [String: any RateLimiting] = [:]
                for (name, rate) in keyLimits {
                    let keys = try LimiterSpec(algorithm: spec.algorithm, rate: rate)
                    overrides["key:" + name] = try makeLimiter(keys, prefix: limiterPrefix + ":key")
                }
                limiter = PerKeyRateLimiter(fallback: limiter, overrides: overrides)
            }
            var stage = RateLimitStage(limiter: limiter)
            stage.spec = spec
            return stage
        }
    }

    /// `spec`'s limiter: in this process, or on the shared server behind its failure policy.
    func makeLimiter(_ spec: LimiterSpec, prefix: String) throws -> any RateLimiting {
        try GatewayFactory.limiter(spec, shared, clock: clock, prefix: prefix)
    }
}

/// The eight steps of server.swift, each one configuration of the gateway's stages, each
/// adding what its lesson teaches. Each lesson shows its step from here with `{{#include}}`.
public enum ServerSwift {
    public static let steps = 1...8

    /// The stages of step `step` (clamped to 1…8), in request order; the model answers what
    /// none of them did.
    public static func stages(step: Int, _ parts: GatewayParts) throws -> [any GatewayStage] {
        parts.cachePolicy.apply(to: try ownStages(step: step, parts))
    }

    private static func ownStages(step: Int, _ parts: GatewayParts) throws -> [any GatewayStage] {
        switch min(max(step, 1), 8) {
        case 1: return step1(parts)
        case 2: return step2(parts)
        case 3: return step3(parts)
        case 4: return step4(parts)
        case 5: return try step5(parts)
        case 6: return try step6(parts)
        case 7: return try step7(parts)
        default: return try step8(parts)
        }
    }

    // ANCHOR: step1
    /// Step 1: nothing stands in front of the model. Every request is a call,
    /// repeats included, and the meter prices each call's tokens.
    static func step1(_ parts: GatewayParts) -> [any GatewayStage] {
        [CostMeter(prices: parts.prices)]
    }
    // ANCHOR_END: step1

    // ANCHOR: step2
    /// Step 2: an exact cache in Redis in front of the model (SETEX with a
    /// TTL). A streamed request still goes past it to the model.
    static func step2(_ parts: GatewayParts) -> [any GatewayStage] {
        let exact = ExactCacheStage(
            redis: parts.redis, ttlSeconds: parts.exactTTLSeconds,
            keyPrefix: parts.exactKeyPrefix)
        return step1(parts) + [StreamBypass(exact)]
    }
    // ANCHOR_END: step2

    // ANCHOR: step3
    /// Step 3: behind the exact cache, a semantic cache catches paraphrases,
    /// and serves a hit only when both prompts name the same identifiers.
    static func step3(_ parts: GatewayParts) -> [any GatewayStage] {
        var stages = step2(parts)
        if let cache = parts.semanticCache {
            let semantic = SemanticCacheStage(
                cache: cache, identifierGuard: parts.identifierGuard)
            stages.append(StreamBypass(semantic))
        }
        return stages
    }
    // ANCHOR_END: step3

    // ANCHOR: step4
    /// Step 4: streamed requests use the caches too. The LLM stage forwards
    /// each chunk and keeps a copy; the caches store the text only when the
    /// stream completed.
    static func step4(_ parts: GatewayParts) -> [any GatewayStage] {
        step1(parts) + caches(parts)
    }

    /// Step 3's caches, with no bypass for streams.
    static func caches(_ parts: GatewayParts) -> [any GatewayStage] {
        var stages: [any GatewayStage] = [
            ExactCacheStage(
                redis: parts.redis, ttlSeconds: parts.exactTTLSeconds,
                keyPrefix: parts.exactKeyPrefix)
        ]
        if let cache = parts.semanticCache {
            stages.append(
                SemanticCacheStage(
                    cache: cache, identifierGuard: parts.identifierGuard))
        }
        return stages
    }
    // ANCHOR_END: step4

    // ANCHOR: step5
    /// Step 5: know who is calling, then limit them before any cache or model
    /// work. A rejection is a bare 429. The first limiter: a fixed window,
    /// Upstash's `fixedWindow(5, "10 s")`.
    static func step5(_ parts: GatewayParts) throws -> [any GatewayStage] {
        try limited(parts, by: .fixedWindow(5, "10 s"))
    }

    /// Identify → limit → step 4's caches. `parts` may bring another limiter
    /// (a scenario's `algorithm`, `serve --algorithm`) or none.
    static func limited(
        _ parts: GatewayParts, by own: LimiterSpec
    ) throws -> [any GatewayStage] {
        let identify = IdentifyStage(trustedProxies: parts.trustedProxies)
        var stages = step1(parts) + [identify]
        if let limit = try parts.rateLimit(or: own) {
            stages.append(limit)
        }
        return stages + caches(parts)
    }
    // ANCHOR_END: step5

    // ANCHOR: step6
    /// Step 6: the same chain with a token bucket: a burst of up to 5, then 5
    /// more every 10 s (Upstash's `tokenBucket(5, "10 s", 5)`).
    static func step6(_ parts: GatewayParts) throws -> [any GatewayStage] {
        try limited(parts, by: .tokenBucket(5, "10 s"))
    }
    // ANCHOR_END: step6

    // ANCHOR: step7
    /// Step 7: a sliding window, the course page's
    /// `Ratelimit.slidingWindow(5, "10 s")`: 5 requests per rolling 10 s.
    static func step7(_ parts: GatewayParts) throws -> [any GatewayStage] {
        try limited(parts, by: .slidingWindow(5, "10 s"))
    }
    // ANCHOR_END: step7

    // ANCHOR: step8
    /// Step 8: the production order, identify → limit → exact → semantic →
    /// model, with step 7's limiter, and the HTTP layer's part: every answer
    /// carries the limiter's RateLimit headers, a 429 its Retry-After.
    static func step8(_ parts: GatewayParts) throws -> [any GatewayStage] {
        let identify = IdentifyStage(trustedProxies: parts.trustedProxies)
        var stages: [any GatewayStage] = [
            RateLimitHeaders(clock: parts.clock),  // verdict → headers
            CostMeter(prices: parts.prices),  // the bill, step 1
            identify,  // who is calling
        ]
        if let limit = try parts.rateLimit(or: .slidingWindow(5, "10 s")) {
            stages.append(limit)  // a 429 before any work
        }
        return stages + caches(parts)  // exact, semantic; then the model
    }
    // ANCHOR_END: step8
}

/// Before step 4 a streamed request cannot be cached: the stream is passed through untouched.
struct StreamBypass: GatewayStage {
    let inner: any GatewayStage

    init(_ inner: any GatewayStage) {
        self.inner = inner
    }

    func handle(_ request: GatewayRequest, next: GatewayNext) async throws -> GatewayResult {
        request.stream ? try await next(request) : try await inner.handle(request, next: next)
    }
}
