// Provided by ArchLab: do not edit (`archlab check` verifies this file before every check).

/// Who is calling: exercise 5's `CallerIdentity` behind a protocol, so the handler can be tested with a fake.
public protocol CallerIdentifying: AnyObject {
    /// "key:<apiKey>" or "ip:<address>".
    func callerID(apiKey: String?, peerAddress: String, forwardedFor: String?) -> String
}

/// The rate limiter for every caller: one `FixedWindow`, `TokenBucket` or `SlidingWindow` per caller id.
public protocol RateLimiterService: AnyObject {
    /// The most requests a caller may make per window (the `RateLimit-Limit` header).
    var maxRequests: Int { get }
    /// Counts one request of `callerID` at `nowMs` and decides it.
    func limit(callerID: String, nowMs: Int64) -> RateLimitDecision
}

/// The exact cache (exercise 2) as two operations. A request it does not cache (temperature above 0) looks up as
/// nil and is not stored.
public protocol ExactCacheService: AnyObject {
    func lookup(_ request: ChatRequest) throws -> String?
    func store(_ request: ChatRequest, answer: String) throws
}

/// The semantic cache (exercise 3) as two operations; the prompt's embedding comes with the request.
public protocol SemanticCacheService: AnyObject {
    func lookup(_ request: ChatRequest, embedding: [Float]) -> String?
    func store(_ request: ChatRequest, embedding: [Float], answer: String)
}

/// Everything the gateway's handler calls, in the order a request meets them:
/// identity → limiter → exact cache → semantic cache → model.
public struct HandlerServices {
    public var identity: CallerIdentifying
    public var limiter: RateLimiterService
    public var exactCache: ExactCacheService
    public var semanticCache: SemanticCacheService
    public var model: StreamingModelService

    public init(
        identity: CallerIdentifying, limiter: RateLimiterService, exactCache: ExactCacheService,
        semanticCache: SemanticCacheService, model: StreamingModelService
    ) {
        self.identity = identity
        self.limiter = limiter
        self.exactCache = exactCache
        self.semanticCache = semanticCache
        self.model = model
    }
}
