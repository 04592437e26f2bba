/// A request as it enters `server.swift`: the chat request plus who sent it and when.
public struct GatewayRequest: Sendable {
    public var request: LLMRequest
    /// The `Authorization: Bearer` key, when the caller sent one.
    public var apiKey: String?
    /// The name of the issued key `apiKey` matched, when the server checks keys (`serve --keys`):
    /// the identity the limiter counts against, instead of the raw key.
    public var keyName: String?
    /// The peer address of the connection (never a forgeable header such as X-Forwarded-For).
    public var clientAddress: String
    /// The `X-Forwarded-For` header as received (entries joined by commas), when there was one. Only
    /// ``IdentifyStage`` reads it, and only when `clientAddress` is a trusted proxy.
    public var forwardedFor: String?
    public var stream: Bool
    /// Arrival time, Unix milliseconds (simulated in scenarios, real in `serve`).
    public var atMs: Int64
    /// The workload's intent label; scenarios use it to count wrong semantic hits. Unused in `serve`.
    public var label: String?
    /// Receives each chunk as the LLM produces it, with the request as the stages left it
    /// (limiter verdict, nearest similarity); throwing means the client went away.
    public var onChunk: (@Sendable (LLMChunk, GatewayRequest) async throws -> Void)?
    /// Set by the identify stage: the key the limiter uses.
    public var callerID: String = ""
    /// Set by the rate-limit stage for the stages after it.
    public var rateLimit: RateLimitVerdict?
    /// Set by the semantic stage: the nearest similarity it saw on its way to a miss.
    public var nearestSimilarity: Double?
    /// Set by step 8's ``RateLimitHeaders`` for each chunk of a stream: the headers its first
    /// chunk goes out with.
    public var headers: [HeaderField] = []

    public init(
        request: LLMRequest, apiKey: String?, clientAddress: String, stream: Bool, atMs: Int64,
        label: String? = nil, onChunk: (@Sendable (LLMChunk, GatewayRequest) async throws -> Void)? = nil
    ) {
        self.request = request
        self.apiKey = apiKey
        self.clientAddress = clientAddress
        self.stream = stream
        self.atMs = atMs
        self.label = label
        self.onChunk = onChunk
    }
}

/// How the gateway answered.
public enum GatewayOutcome: Sendable, Hashable {
    case exactHit
    /// Served from the semantic cache; `intent` is the label of the request that filled the entry.
    case semanticHit(similarity: Double, intent: String?)
    /// Went to the LLM (whether or not the call succeeded).
    case miss
    /// Refused by the rate limiter with 429.
    case rejected
}

/// The limiter's verdict as the HTTP layer turns it into headers.
public struct RateLimitVerdict: Sendable, Hashable {
    public var allowed: Bool
    public var limit: Int
    public var remaining: Int
    /// When the limit resets, Unix milliseconds.
    public var resetMs: Int64
    /// Whole seconds to wait before retrying (rounded up), for `Retry-After`.
    public var retryAfterSeconds: Int

    public init(allowed: Bool, limit: Int, remaining: Int, resetMs: Int64, retryAfterSeconds: Int) {
        self.allowed = allowed
        self.limit = limit
        self.remaining = remaining
        self.resetMs = resetMs
        self.retryAfterSeconds = retryAfterSeconds
    }
}

/// What the gateway sends back.
public struct GatewayResult: Sendable {
    public var outcome: GatewayOutcome
    /// HTTP status: 200, 429, or 502 when the LLM failed.
    public var status: Int
    /// The full answer text (for a stream: what was delivered).
    public var text: String
    /// The answer as chunks, for replaying a cache hit as a stream.
    public var chunks: [LLMChunk] {
        get { givenChunks ?? llmCall?.chunks ?? [] }
        set { givenChunks = newValue }
    }
    /// The chunks as given; nil when they are all of `llmCall`'s (written only when read).
    private var givenChunks: [LLMChunk]?
    /// The LLM call, when there was one.
    public var llmCall: LLMCall?
    /// Time the request spent in the gateway, milliseconds (simulated in scenarios).
    public var latencyMs: Double
    public var rateLimit: RateLimitVerdict?
    /// Nearest similarity seen by the semantic cache on this request, hit or miss.
    public var similarity: Double?
    /// What this request cost at the model's prices, set by step 1's ``CostMeter``: 0 for a
    /// cache hit, a 429 or a failed call.
    public var costUSD: Double = 0
    /// Headers for the HTTP layer to send, set by step 8's ``RateLimitHeaders``.
    public var headers: [HeaderField] = []
    /// Whether the whole answer reached the client: false for an aborted LLM stream or a client
    /// that disconnected midway.
    public var complete: Bool

    public init(
        outcome: GatewayOutcome, status: Int, text: String, chunks: [LLMChunk] = [], llmCall: LLMCall? = nil,
        latencyMs: Double, rateLimit: RateLimitVerdict? = nil, similarity: Double? = nil, complete: Bool = true
    ) {
        self.outcome = outcome
        self.status = status
        self.text = text
        self.givenChunks = chunks
        self.llmCall = llmCall
        self.latencyMs = latencyMs
        self.rateLimit = rateLimit
        self.similarity = similarity
        self.complete = complete
    }

    /// A result whose chunks are all those `call` delivered.
    init(
        outcome: GatewayOutcome, status: Int, text: String, deliveredBy call: LLMCall, latencyMs: Double, complete: Bool
    ) {
        self.init(outcome: outcome, status: status, text: text, llmCall: call, latencyMs: latencyMs, complete: complete)
        givenChunks = nil
    }

    /// Whether this answer may be stored in a cache: a complete, successful LLM answer only.
    public var isCacheable: Bool {
        outcome == .miss && status == 200 && complete
    }
}

/// One step of the request pipeline. A stage either answers itself (a cache hit, a 429) or
/// passes the request on with `next` and may act on the answer that comes back (store it).
public protocol GatewayStage: Sendable {
    func handle(_ request: GatewayRequest, next: GatewayNext) async throws -> GatewayResult
}

public typealias GatewayNext = @Sendable (GatewayRequest) async throws -> GatewayResult

/// Latencies the simulation charges for work that is not the LLM, in milliseconds:
/// a Redis round trip on the same network and a vector search, as measured orders of magnitude.
public enum SimulatedCosts {
    public static let redisRoundTripMs = 0.4
    public static let vectorSearchMs = 1.0
    public static let rateLimitCheckMs = 0.4
}

extension SimulatedCosts {
    /// Time to embed one prompt: MiniLM on a CPU core takes milliseconds, the lexical embedder microseconds.
    public static func embedding(_ embedder: String) -> Double {
        embedder == "minilm" ? 6.0 : 0.05
    }
}
