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

    /// `stages` with every exact-cache stage (also behind a stream bypass) put under this policy.
    func apply(to stages: [any GatewayStage]) -> [any GatewayStage] {
        stages.map { stage in
            if let exact = stage as? ExactCacheStage { return CachePolicyStage(inner: exact, policy: self) }
            if let bypass = stage as? StreamBypass, let exact = bypass.inner as? ExactCacheStage {
                return StreamBypass(CachePolicyStage(inner: exact, policy: self))
            }
            return stage
        }
    }
}

/// A cache stage under a ``CachePolicy``: a request with context skips the cache unless the policy
/// caches context; with the tenant left out of the key, the cache sees every request as the same tenant
/// (the model still answers the real one).
struct CachePolicyStage: GatewayStage {
    let inner: any GatewayStage
    let policy: CachePolicy

    func handle(_ request: GatewayRequest, next: GatewayNext) async throws -> GatewayResult {
        if !request.request.context.isEmpty, !policy.cachesContext { return try await next(request) }
        guard !policy.tenantInKey else { return try await inner.handle(request, next: next) }
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
