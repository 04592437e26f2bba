// Provided by ArchLab: do not edit (`archlab check` verifies this file before every check).
import ServerSupport
import ServerSwift

/// `handler.headers`, `handler.reject` and `handler.handle`: the learner's response for a decision, and one request
/// driven through the learner's `Handler` with fake services that log which were called, in which order.
final class HandlerCalls: HarnessAdapter {
    static let namespace = "handler"

    init() {}

    /// What every fake appends to: lookups and model calls in order, stores apart (their order is free).
    private final class Log {
        var calls: [String] = []
        var stores: [String] = []
        var limitedCaller: String?
    }

    private final class FakeIdentity: CallerIdentifying {
        let log: Log
        init(log: Log) { self.log = log }
        func callerID(apiKey: String?, peerAddress: String, forwardedFor: String?) -> String {
            log.calls.append("identify")
            if let apiKey, !apiKey.isEmpty { return "key:" + apiKey }
            return "ip:" + peerAddress
        }
    }

    private final class FakeLimiter: RateLimiterService {
        let log: Log
        let decision: RateLimitDecision
        let maxRequests: Int
        init(log: Log, decision: RateLimitDecision, maxRequests: Int) {
            self.log = log
            self.decision = decision
            self.maxRequests = maxRequests
        }
        func limit(callerID: String, nowMs: Int64) -> RateLimitDecision {
            log.calls.append("limit")
            log.limitedCaller = callerID
            return decision
        }
    }

    private final class FakeExactCache: ExactCacheService {
        let log: Log
        let hit: String?
        init(log: Log, hit: String?) {
            self.log = log
            self.hit = hit
        }
        func lookup(_ request: ChatRequest) throws -> String? {
            log.calls.append("exact.lookup")
            return hit
        }
        func store(_ request: ChatRequest, answer: String) throws {
            log.stores.append("exact.store:" + answer)
        }
    }

    private final class FakeSemanticCache: SemanticCacheService {
        let log: Log
        let hit: String?
        init(log: Log, hit: String?) {
            self.log = log
            self.hit = hit
        }
        func lookup(_ request: ChatRequest, embedding: [Float]) -> String? {
            log.calls.append("semantic.lookup")
            return hit
        }
        func store(_ request: ChatRequest, embedding: [Float], answer: String) {
            log.stores.append("semantic.store:" + answer)
        }
    }

    private struct ModelFailure: Error, CustomStringConvertible {
        let description: String
    }

    private final class FakeStream: ModelStream {
        var chunks: [String]
        let aborts: Bool
        init(chunks: [String], aborts: Bool) {
            self.chunks = chunks
            self.aborts = aborts
        }
        func next() throws -> String? {
            if !chunks.isEmpty { return chunks.removeFirst() }
            if aborts { throw ModelFailure(description: "the stream broke off") }
            return nil
        }
    }

    private final class FakeModel: StreamingModelService {
        let log: Log
        let chunks: [String]
        let aborts: Bool
        let fails: Bool
        init(log: Log, chunks: [String], aborts: Bool, fails: Bool) {
            self.log = log
            self.chunks = chunks
            self.aborts = aborts
            self.fails = fails
        }
        func complete(_ request: ChatRequest) throws -> String {
            log.calls.append("model.complete")
            if fails { throw ModelFailure(description: "HTTP 500 from the model") }
            return chunks.joined()
        }
        func stream(_ request: ChatRequest) throws -> ModelStream {
            log.calls.append("model.stream")
            if fails { throw ModelFailure(description: "HTTP 500 from the model") }
            return FakeStream(chunks: chunks, aborts: aborts)
        }
    }

    private final class Client: ChunkSink {
        var received: [String] = []
        func send(_ chunk: String) throws {
            received.append(chunk)
        }
    }

    func call(_ name: String, _ args: HarnessArgs) throws -> Any {
        switch name {
        case "headers":
            return Handler.rateLimitHeaders(
                for: try Self.decision(args, prefix: ""), limit: try args.int("limit"),
                nowMs: Int64(try args.int("now_ms")))
        case "reject":
            let response = Handler.tooManyRequests(
                for: try Self.decision(args, prefix: ""), limit: try args.int("limit"),
                nowMs: Int64(try args.int("now_ms")))
            return ["status": response.status, "headers": response.headers]
        case "handle":
            return try handle(args)
        default:
            throw HarnessError(description: "unknown call handler.\(name)")
        }
    }

    private static func decision(_ args: HarnessArgs, prefix: String) throws -> RateLimitDecision {
        guard let allowed = args.values[prefix + "allowed"] as? Bool else {
            throw HarnessError(description: "argument `\(prefix)allowed` must be true or false")
        }
        return RateLimitDecision(
            allowed: allowed, remaining: try args.int(prefix + "remaining"),
            resetMs: Int64(try args.int(prefix + "reset_ms")))
    }

    private func handle(_ args: HarnessArgs) throws -> Any {
        let log = Log()
        let values = args.values
        let services = HandlerServices(
            identity: FakeIdentity(log: log),
            limiter: FakeLimiter(
                log: log, decision: try Self.decision(args, prefix: "limit_"), maxRequests: try args.int("limit_max")),
            exactCache: FakeExactCache(log: log, hit: values["exact_hit"] as? String),
            semanticCache: FakeSemanticCache(log: log, hit: values["semantic_hit"] as? String),
            model: FakeModel(
                log: log, chunks: values["model_chunks"] as? [String] ?? [],
                aborts: values["model_aborts"] as? Bool ?? false, fails: values["model_fails"] as? Bool ?? false))
        let chat = ChatRequest(
            tenant: values["tenant"] as? String ?? "acme", model: "gpt-4o",
            systemPrompt: "You are a helpful support assistant.", prompt: try args.string("prompt"),
            temperature: 0, maxTokens: 512)
        let request = GatewayRequest(
            chat: chat, apiKey: values["api_key"] as? String, peerAddress: values["peer"] as? String ?? "203.0.113.7",
            forwardedFor: values["forwarded_for"] as? String, stream: values["stream"] as? Bool ?? false,
            nowMs: Int64(try args.int("now_ms")))
        let client = Client()
        let response = Handler(services: services).handle(request, client: client)
        return [
            "status": response.status, "headers": response.headers, "body": response.body,
            "sent": client.received.joined(), "calls": log.calls, "stores": log.stores.sorted(),
            "limited_caller": log.limitedCaller ?? "",
        ]
    }
}
