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
    public var limiter: (any RateLimiting)?
    /// The rule a semantic hit must pass before it is served (lesson 3).
    public var identifierGuard: IdentifierGuard = .numbers
    /// Proxies whose `X-Forwarded-For` the identify stage believes (`serve --trusted-proxy`); none by default.
    public var trustedProxies: Set<String> = []

    public init(
        redis: any RESPCommandSender, exactTTLSeconds: Int = 3600, semanticCache: SemanticCache? = nil,
        limiter: (any RateLimiting)? = nil
    ) {
        self.redis = redis
        self.exactTTLSeconds = exactTTLSeconds
        self.semanticCache = semanticCache
        self.limiter = limiter
    }
}

/// The eight steps of server.swift, each one configuration of the gateway's stages.
/// Each lesson shows its step from here with `{{#include}}`.
public enum ServerSwift {
    public static let steps = 1...8

    /// The stages of step `step` (clamped to 1…8), in request order.
    public static func stages(step: Int, _ parts: GatewayParts) -> [any GatewayStage] {
        switch min(max(step, 1), 8) {
        case 1: return step1(parts)
        case 2: return step2(parts)
        case 3: return step3(parts)
        case 4: return step4(parts)
        default: return step5to8(parts)
        }
    }

    // ANCHOR: step1
    /// Step 1: every request goes straight to the model and is paid for, repeats included.
    static func step1(_ parts: GatewayParts) -> [any GatewayStage] {
        []
    }
    // ANCHOR_END: step1

    // ANCHOR: step2
    /// Step 2: an exact cache in Redis in front of the model (SETEX with a TTL).
    static func step2(_ parts: GatewayParts) -> [any GatewayStage] {
        [
            StreamBypass(
                ExactCacheStage(redis: parts.redis, ttlSeconds: parts.exactTTLSeconds, keyPrefix: parts.exactKeyPrefix))
        ]
    }
    // ANCHOR_END: step2

    // ANCHOR: step3
    /// Step 3: behind the exact cache, a semantic cache catches paraphrases.
    static func step3(_ parts: GatewayParts) -> [any GatewayStage] {
        var stages = step2(parts)
        if let cache = parts.semanticCache {
            stages.append(StreamBypass(SemanticCacheStage(cache: cache, identifierGuard: parts.identifierGuard)))
        }
        return stages
    }
    // ANCHOR_END: step3

    // ANCHOR: step4
    /// Step 4: streamed requests use the caches too. The LLM stage accumulates the chunks it
    /// forwards, and the caches store the text only when the stream completed.
    static func step4(_ parts: GatewayParts) -> [any GatewayStage] {
        var stages: [any GatewayStage] = [
            ExactCacheStage(redis: parts.redis, ttlSeconds: parts.exactTTLSeconds, keyPrefix: parts.exactKeyPrefix)
        ]
        if let cache = parts.semanticCache {
            stages.append(SemanticCacheStage(cache: cache, identifierGuard: parts.identifierGuard))
        }
        return stages
    }
    // ANCHOR_END: step4

    // ANCHOR: step5
    /// Steps 5–8: identify the caller, then rate limit, before any cache or model work. The
    /// limiter is a parameter (the scenarios' `algorithm`, `archlab serve --algorithm`, a sliding
    /// window by default); step 8 adds the 429 headers the HTTP layer sends.
    static func step5to8(_ parts: GatewayParts) -> [any GatewayStage] {
        var stages: [any GatewayStage] = [IdentifyStage(trustedProxies: parts.trustedProxies)]
        if let limiter = parts.limiter {
            stages.append(RateLimitStage(limiter: limiter))
        }
        return stages + step4(parts)
    }
    // ANCHOR_END: step5
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
