/// Two rules that keep a shared cache from serving one caller's answer to another (lesson 8's security
/// lab). Both are on by default; a lab or `serve --tenant-in-key=false` turns one off to show what breaks.
public struct CachePolicy: Sendable, Hashable {
    /// The tenant is part of the exact cache's key: one customer never gets another's answer.
    public var tenantInKey: Bool
    /// Answers shaped by caller-supplied context (``LLMRequest/context``) are cached too. Off by
    /// default: no key holds the context, so one caller's note would become everyone's answer.
    public var cachesContext: Bool

    public init(tenantInKey: Bool = true, cachesContext: Bool = false) {
        self.tenantInKey = tenantInKey
        self.cachesContext = cachesContext
    }

    /// `stages` with every exact-cache stage (also behind a stream bypass) following this policy: told whether
    /// to cache context, and, only when the tenant is left out of the key, wrapped so it sees no tenant.
    func apply(to stages: [any GatewayStage]) -> [any GatewayStage] {
        guard self != CachePolicy() else { return stages }
        func applied(_ stage: ExactCacheStage) -> any GatewayStage {
            var stage = stage
            stage.cachesContext = cachesContext
            return tenantInKey ? stage : TenantBlindStage(inner: stage)
        }
        return stages.map { stage in
            if let exact = stage as? ExactCacheStage { return applied(exact) }
            if let bypass = stage as? StreamBypass, let exact = bypass.inner as? ExactCacheStage {
                return StreamBypass(applied(exact))
            }
            return stage
        }
    }
}

/// A cache stage with the tenant left out of its key (`tenantInKey: false`): the cache sees every request
/// as the same tenant, while the model still answers the real one.
struct TenantBlindStage: GatewayStage {
    let inner: any GatewayStage

    func handle(_ request: GatewayRequest, next: GatewayNext) async throws -> GatewayResult {
        var blind = request
        blind.request.tenant = ""
        let tenant = request.request.tenant
        return try await inner.handle(blind) { passed in
            var restored = passed
            restored.request.tenant = tenant
            return try await next(restored)
        }
    }
}
