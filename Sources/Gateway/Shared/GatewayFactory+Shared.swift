import Clocks
import RESP
import RateLimit

extension GatewayFactory {
    /// `spec`'s limiter: in this process, or on the shared server behind its failure policy.
    static func limiter(
        _ spec: LimiterSpec, _ shared: SharedState?, clock: any WallClock, prefix: String
    ) throws -> any RateLimiting {
        guard let shared else { return try spec.makeLimiter(clock: clock, prefix: prefix) }
        return FailurePolicyLimiter(
            try spec.makeRESPLimiter(connections: shared.connections, clock: clock, prefix: prefix),
            limit: spec.rate.count, failsOpen: shared.limiterFailsOpen, failures: shared.failures,
            nowMilliseconds: { clock.nowMilliseconds() })
    }

    /// The exact cache's connection: on a shared server, one that fails open.
    static func exactCacheSender(_ redis: any RESPCommandSender, _ shared: SharedState?) -> any RESPCommandSender {
        guard let shared else { return redis }
        return FailOpenSender(redis, failures: shared.failures)
    }

    /// The step's stages, with the semantic cache on the shared server's index when it has one.
    static func sharing(_ stages: [any GatewayStage], _ shared: SharedState?) -> [any GatewayStage] {
        guard let shared, let index = shared.semanticIndex else { return stages }
        return SharedSemanticCacheStage.substitute(in: stages, shared: shared, index: index)
    }
}
