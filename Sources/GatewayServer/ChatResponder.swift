import Clocks
import Foundation
import Gateway
import NIOCore
import NIOHTTP1
import Synchronization

/// Answers `POST /v1/chat/completions` through the gateway, in real time: a miss waits for the
/// simulated LLM's chunks (scaled by `latencyScale`), a hit answers at once.
final class ChatResponder: Sendable {
    let gateway: Gateway
    let latencyScale: Double
    let metrics: GatewayMetrics
    /// Stamps requests (`created`, the limiter's arrival time) and the rate-limit headers' resets.
    let clock: any WallClock
    /// Checks API keys before anything else; nil when the server is open.
    let keyGate: APIKeyGate?
    /// Proxies whose `X-Forwarded-For` names the client for the key gate's unauthenticated allowance.
    let trustedProxies: Set<String>
    private let counter = Atomic<Int>(0)

    init(
        gateway: Gateway, latencyScale: Double, metrics: GatewayMetrics, clock: any WallClock,
        keyGate: APIKeyGate? = nil, trustedProxies: Set<String> = []
    ) {
        self.gateway = gateway
        self.keyGate = keyGate
        self.trustedProxies = trustedProxies
        self.clock = clock
        self.latencyScale = latencyScale
        self.metrics = metrics
    }

    func respond(head: HTTPRequestHead, body: ByteBuffer, peer: String, writer: ResponseWriter) async throws {
        let started = ContinuousClock.now
        let apiKey = Self.bearerToken(head.headers)
        // Every X-Forwarded-For line, as one list; only IdentifyStage decides whether to believe it.
        let forwarded = head.headers["X-Forwarded-For"]
        let forwardedFor = forwarded.isEmpty ? nil : forwarded.joined(separator: ",")
        var issued: APIKey?
        if let keyGate {
            // ANCHOR: authenticate
            // Before the body is even parsed: a request without an issued key costs a lookup, no more.
            let client = IdentifyStage.clientAddress(
                peer: peer, forwardedFor: forwardedFor, trustedProxies: trustedProxies)
            switch try await keyGate.check(apiKey: apiKey, clientAddress: client) {
            case .admitted(let key):
                issued = key
            case .unauthorized(let verdict):
                metrics.recordUnauthenticated(throttled: false)
                var challenge = headers(keyGateFields(verdict), cache: nil, similarity: nil)
                challenge.add(name: "WWW-Authenticate", value: "Bearer")
                try await writer.json(
                    status: .unauthorized,
                    ChatResponse.error(
                        apiKey == nil
                            ? "Missing API key: send it as `Authorization: Bearer KEY`."
                            : "Incorrect API key provided.",
                        type: "invalid_request_error", code: "invalid_api_key"),
                    headers: challenge)
                return
            case .throttled(let verdict):
                metrics.recordUnauthenticated(throttled: true)
                try await writer.json(
                    status: .tooManyRequests,
                    ChatResponse.error(
                        """
                            Too many requests without a valid API key from this address; retry after \
                            \(max(1, verdict.retryAfterSeconds)) s.
                            """,
                        type: "rate_limit_exceeded", code: "rate_limit_exceeded"),
                    headers: headers(keyGateFields(verdict), cache: nil, similarity: nil))
                return
            }
            // ANCHOR_END: authenticate
        }
        let chat: ChatRequest
        let llmRequest: LLMRequest
        do {
            chat = try Self.decode(body)
            llmRequest = try chat.llmRequest(tenant: issued?.tenant ?? "default")
        } catch let error as HTTPError {
            metrics.recordBadRequest()
            try await writer.json(status: .badRequest, ChatResponse.error(error.message, type: error.type, code: nil))
            return
        }
        let stream = chat.stream ?? false
        let id = "chatcmpl-\(counter.wrappingAdd(1, ordering: .relaxed).newValue)"
        let created = clock.nowMilliseconds() / 1000
        let streaming = Mutex(false)
        let scale = latencyScale

        var request = GatewayRequest(
            request: llmRequest, apiKey: apiKey, clientAddress: peer, stream: stream,
            atMs: clock.nowMilliseconds())
        request.keyName = issued?.name
        request.forwardedFor = forwardedFor
        request.onChunk = { chunk, admitted in
            try await Task.sleep(until: started + .microseconds(Int64(chunk.atMs * scale * 1000)), clock: .continuous)
            guard stream else { return }
            let first = streaming.withLock { begun in
                defer { begun = true }
                return !begun
            }
            if first {
                try await writer.startEvents(
                    headers: self.headers(admitted.headers, cache: "MISS", similarity: admitted.nearestSimilarity))
            }
            try await writer.event(
                Self.encode(
                    ChatResponse.chunk(id: id, created: created, model: chat.model, content: chunk.text, first: first)))
        }
        let result = try await gateway.handle(request)
        defer { metrics.record(result, duration: started.duration(to: .now)) }
        let cache: String
        switch result.outcome {
        case .exactHit: cache = "HIT-EXACT"
        case .semanticHit: cache = "HIT-SEMANTIC"
        case .miss, .rejected: cache = "MISS"
        }
        let headers = self.headers(
            result.headers, cache: result.outcome == .rejected ? nil : cache, similarity: result.similarity)

        // ANCHOR: reject
        if result.status == 429 {
            let wait = result.rateLimit?.retryAfterSeconds ?? 1
            let who = request.apiKey == nil ? "this address" : "this API key"
            try await writer.json(
                status: .tooManyRequests,
                ChatResponse.error(
                    "Rate limit reached for \(who); retry after \(wait) s.",
                    type: "rate_limit_exceeded", code: "rate_limit_exceeded"),
                headers: headers)
            return
        }
        // ANCHOR_END: reject
        if streaming.withLock({ $0 }) {
            if result.complete {
                try await writer.event(
                    Self.encode(
                        ChatResponse.chunk(id: id, created: created, model: chat.model, content: nil, first: false)))
                try await writer.event("[DONE]")
            } else {
                try await writer.event(
                    Self.encode(
                        ChatResponse.error(
                            "the upstream stream broke off", type: "upstream_error", code: "stream_aborted")))
            }
            try await writer.endEvents()
            return
        }
        if result.status != 200 {
            try await writer.json(
                status: .badGateway,
                ChatResponse.error(
                    "the LLM answered \(result.llmCall.map { "\($0.outcome)" } ?? "an error")", type: "upstream_error",
                    code: nil),
                headers: headers)
            return
        }
        // ANCHOR: replay
        if stream {
            // A cache hit replayed as a stream: same events, no waiting.
            try await writer.startEvents(headers: headers)
            let pieces = Self.replayChunks(result.text)
            var events = pieces.indices.map { index in
                Self.encode(
                    ChatResponse.chunk(
                        id: id, created: created, model: chat.model,
                        content: pieces[index], first: index == 0))
            }
            let last = ChatResponse.chunk(
                id: id, created: created, model: chat.model,
                content: nil, first: false)
            events.append(Self.encode(last))
            events.append("[DONE]")
            try await writer.events(events)
            try await writer.endEvents()
            return
        }
        // ANCHOR_END: replay
        let promptTokens = result.llmCall?.inputTokens ?? llmRequest.inputTokens
        let completionTokens = result.llmCall?.outputTokens ?? TokenCounter.count(result.text)
        try await writer.json(
            status: .ok,
            ChatResponse.completion(
                id: id, created: created, model: chat.model, text: result.text, promptTokens: promptTokens,
                completionTokens: completionTokens),
            headers: headers)
    }

    // ANCHOR: headers
    /// The gateway's headers (from step 8 on, the limiter's), then the cache
    /// outcome.
    func headers(
        _ fields: [HeaderField], cache: String?, similarity: Double?
    ) -> HTTPHeaders {
        var headers = HTTPHeaders()
        for field in fields {
            headers.add(name: field.name, value: field.value)
        }
        if let cache {
            headers.add(name: "X-Cache", value: cache)
        }
        if let similarity {
            let nearest = String(format: "%.4f", similarity)
            headers.add(name: "X-Cache-Similarity", value: nearest)
        }
        return headers
    }
    // ANCHOR_END: headers

    /// The key gate's limit (not a step of server.swift) sends its headers at every step.
    func keyGateFields(_ verdict: RateLimitVerdict) -> [HeaderField] {
        RateLimitHeaders.fields(verdict, nowMs: clock.nowMilliseconds())
    }

    static func bearerToken(_ headers: HTTPHeaders) -> String? {
        guard let value = headers.first(name: "authorization") else { return nil }
        let parts = value.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : token
    }

    static func decode(_ body: ByteBuffer) throws -> ChatRequest {
        guard body.readableBytes > 0 else {
            throw HTTPError.badRequest("the request body is empty; send a JSON chat completion request")
        }
        do {
            return try JSONDecoder().decode(ChatRequest.self, from: Data(body.readableBytesView))
        } catch DecodingError.keyNotFound(let key, let context) {
            throw HTTPError.badRequest("missing field `\(ChatRequest.path(context.codingPath + [key]))`")
        } catch DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context) {
            throw HTTPError.badRequest("field `\(ChatRequest.path(context.codingPath))` has the wrong type")
        } catch let part as ChatRequest.UnsupportedPart {
            throw HTTPError.badRequest(
                "`\(part.path)` is a part of type `\(part.type)`; only `text` parts are supported")
        } catch {
            throw HTTPError.badRequest("the body is not valid JSON")
        }
    }

    static func encode(_ object: [String: Any]) -> String {
        String(decoding: ChatResponse.json(object), as: UTF8.self)
    }

    /// Splits cached text into stream-sized pieces (a few words each) that join back to the text.
    static func replayChunks(_ text: String) -> [String] {
        var pieces: [String] = []
        var current = ""
        var words = 0
        for character in text {
            current.append(character)
            if character == " " {
                words += 1
                if words == 3 {
                    pieces.append(current)
                    current = ""
                    words = 0
                }
            }
        }
        if !current.isEmpty { pieces.append(current) }
        return pieces
    }
}
