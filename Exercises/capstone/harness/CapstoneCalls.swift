// Provided by ArchLab: do not edit (`archlab check` verifies this file before every check).
import Foundation
import ServerSupport
import ServerSwift

/// `capstone.configure` and `capstone.request`: the learner's whole gateway, built from their eight files —
/// `CallerIdentity`, a `SlidingWindow` per caller, `ExactCache` on the checker's Redis, `SemanticCache`,
/// `StreamForwarder` (inside their `Handler`), `Cost` for every model call — answering one request at a time.
/// The checker supplies each request's embedding and the model's answer, so no model runs here.
final class CapstoneCalls: HarnessAdapter {
    static let namespace = "capstone"

    /// What happened to the request being handled, as the services saw it.
    private final class Trace {
        var limiterCalled = false
        var limiterRefused = false
        var exactHit = false
        var semanticHit = false
        var modelCalled = false
        var cost: Decimal = 0
    }

    private final class Identity: CallerIdentifying {
        let identity: CallerIdentity
        init(_ identity: CallerIdentity) { self.identity = identity }
        func callerID(apiKey: String?, peerAddress: String, forwardedFor: String?) -> String {
            identity.callerID(apiKey: apiKey, peerAddress: peerAddress, forwardedFor: forwardedFor)
        }
    }

    /// One `SlidingWindow` per caller id.
    private final class Limiter: RateLimiterService {
        let maxRequests: Int
        let windowMs: Int64
        let trace: () -> Trace
        var windows: [String: SlidingWindow] = [:]
        init(limit: Int, windowMs: Int64, trace: @escaping () -> Trace) {
            self.maxRequests = limit
            self.windowMs = windowMs
            self.trace = trace
        }
        func limit(callerID: String, nowMs: Int64) -> RateLimitDecision {
            var window = windows[callerID] ?? SlidingWindow(limit: maxRequests, windowMs: windowMs)
            let decision = window.limit(nowMs: nowMs)
            windows[callerID] = window
            trace().limiterCalled = true
            if !decision.allowed { trace().limiterRefused = true }
            return decision
        }
    }

    /// The thrown "model" that turns `ExactCache.answer` into a lookup: reaching the model means a miss.
    private struct Missed: Error {}

    private final class MissModel: ModelService {
        func complete(_ request: ChatRequest) throws -> String { throw Missed() }
    }

    private final class StoreModel: ModelService {
        let answer: String
        init(_ answer: String) { self.answer = answer }
        func complete(_ request: ChatRequest) throws -> String { answer }
    }

    /// The learner's `ExactCache`, whose `answer` does GET → model → SETEX: a model that throws makes it a lookup,
    /// a model that returns the answer makes it a store (so their key, TTL and temperature rule all count).
    private final class ExactService: ExactCacheService {
        let redis: RESPConnection
        let trace: () -> Trace
        init(redis: RESPConnection, trace: @escaping () -> Trace) {
            self.redis = redis
            self.trace = trace
        }
        func lookup(_ request: ChatRequest) throws -> String? {
            do {
                let text = try ExactCache(redis: redis, model: MissModel()).answer(request)
                trace().exactHit = true
                return text
            } catch is Missed {
                return nil
            }
        }
        func store(_ request: ChatRequest, answer: String) throws {
            _ = try ExactCache(redis: redis, model: StoreModel(answer)).answer(request)
        }
    }

    private final class SemanticService: SemanticCacheService {
        let cache: SemanticCache
        let trace: () -> Trace
        init(cache: SemanticCache, trace: @escaping () -> Trace) {
            self.cache = cache
            self.trace = trace
        }
        func lookup(_ request: ChatRequest, embedding: [Float]) -> String? {
            guard let match = cache.lookup(tenant: request.tenant, prompt: request.prompt, embedding: embedding)
            else { return nil }
            trace().semanticHit = true
            return match.answer
        }
        func store(_ request: ChatRequest, embedding: [Float], answer: String) {
            cache.store(tenant: request.tenant, prompt: request.prompt, embedding: embedding, answer: answer)
        }
    }

    private struct Aborted: Error, CustomStringConvertible {
        var description: String { "the model's stream broke off" }
    }

    private final class SuppliedStream: ModelStream {
        var chunks: ArraySlice<String>
        let aborts: Bool
        init(chunks: [String], aborts: Bool) {
            self.chunks = chunks[...]
            self.aborts = aborts
        }
        func next() throws -> String? {
            if let chunk = chunks.popFirst() { return chunk }
            if aborts { throw Aborted() }
            return nil
        }
    }

    /// The simulated LLM's answer to the current request, as the checker gives it; each call is priced with the
    /// learner's `Cost.ofCall`.
    private final class SuppliedModel: StreamingModelService {
        var chunks: [String] = []
        var aborts = false
        var inputTokens = 0
        var outputTokens = 0
        let trace: () -> Trace
        init(trace: @escaping () -> Trace) { self.trace = trace }
        private func bill() {
            trace().modelCalled = true
            trace().cost += Cost.ofCall(inputTokens: inputTokens, outputTokens: outputTokens, price: .gpt4o)
        }
        func complete(_ request: ChatRequest) throws -> String {
            bill()
            return chunks.joined()
        }
        func stream(_ request: ChatRequest) throws -> ModelStream {
            bill()
            return SuppliedStream(chunks: chunks, aborts: aborts)
        }
    }

    private final class Client: ChunkSink {
        func send(_ chunk: String) throws {}
    }

    private var trace = Trace()
    private var handler: Handler?
    private var model: SuppliedModel?

    init() {}

    func call(_ name: String, _ args: HarnessArgs) throws -> Any {
        switch name {
        case "configure": return try configure(args)
        case "request": return try request(args)
        default: throw HarnessError(description: "unknown call capstone.\(name)")
        }
    }

    private func configure(_ args: HarnessArgs) throws -> Any {
        let current: () -> Trace = { [unowned self] in self.trace }
        let model = SuppliedModel(trace: current)
        let proxies = Set(args.values["trusted_proxies"] as? [String] ?? [])
        let services = HandlerServices(
            identity: Identity(CallerIdentity(trustedProxies: proxies)),
            limiter: Limiter(
                limit: try args.int("limit"), windowMs: Int64(try args.int("window_ms")), trace: current),
            exactCache: ExactService(
                redis: try RESPConnection(address: try HarnessEnvironment.redisAddress()), trace: current),
            semanticCache: SemanticService(
                cache: SemanticCache(threshold: try args.double("threshold")), trace: current),
            model: model)
        self.model = model
        handler = Handler(services: services)
        return true
    }

    private func request(_ args: HarnessArgs) throws -> Any {
        guard let handler, let model else { throw HarnessError(description: "capstone.configure was not called") }
        let values = args.values
        var embedding = [Float](repeating: 0, count: try args.int("dimension"))
        let indices = values["indices"] as? [Int] ?? []
        let weights = values["weights"] as? [Double] ?? []
        for (index, weight) in zip(indices, weights) where embedding.indices.contains(index) {
            embedding[index] = Float(weight)
        }
        model.chunks = values["model_chunks"] as? [String] ?? []
        model.aborts = values["model_aborts"] as? Bool ?? false
        model.inputTokens = try args.int("input_tokens")
        model.outputTokens = try args.int("output_tokens")
        let chat = ChatRequest(
            tenant: try args.string("tenant"), model: try args.string("model"),
            systemPrompt: try args.string("system_prompt"), prompt: try args.string("prompt"),
            temperature: try args.double("temperature"), maxTokens: try args.int("max_tokens"))
        let request = GatewayRequest(
            chat: chat, apiKey: values["api_key"] as? String, peerAddress: try args.string("peer"),
            stream: values["stream"] as? Bool ?? false, nowMs: Int64(try args.int("now_ms")), embedding: embedding)
        trace = Trace()
        let response = handler.handle(request, client: Client())
        var outcome = response.status == 429 ? "429" : "none"
        if trace.modelCalled {
            outcome = "miss"
        } else if trace.semanticHit {
            outcome = "semantic"
        } else if trace.exactHit {
            outcome = "exact"
        }
        return [
            "outcome": outcome, "status": response.status, "body": response.body,
            "limiter_called": trace.limiterCalled, "limiter_refused": trace.limiterRefused,
            "model_called": trace.modelCalled, "cost": "\(trace.cost)",
        ]
    }
}
