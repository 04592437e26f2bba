import CourseKit
import Foundation
import Gateway
import RESP

/// Gateway's `ExactCacheStage` in front of its `LLMStage`, streaming: the LLM stage forwards each chunk to the
/// client while accumulating them and reports whether the whole answer made it; the cache stage stores only an
/// answer that did (`GatewayResult.isCacheable`), and a hit is sent to the client as one chunk. Redis is an
/// in-memory stand-in holding GET and SETEX, kept for the whole test.
/// Calls: `streamCache.forward`, `streamCache.answer`, and `streamCache.key` (the `key` argument, for
/// `[case.redis]`). Arguments: `chunks`, `model_abort_after` (the model's stream throws when asked for chunk
/// number this, counted from 0; -1 never), `client_gone_after` (the client's send throws after this many chunks
/// arrived; -1 never), and for `answer` the cache `key`.
final class StreamCacheReference: AsyncExerciseReference {
    private let redis = MemoryRedis()

    func expectedAsync(
        call: String, args: [String: ExerciseValue]
    ) async throws(ReferenceError) -> ExerciseValue {
        if call == "streamCache.key" { return .string(try args.string("key")) }
        guard call == "streamCache.forward" || call == "streamCache.answer" else {
            throw ReferenceError(description: "gateway.stream-cache has no call \(call)")
        }
        guard case .array(let values)? = args["chunks"] else {
            throw ReferenceError(description: "argument `chunks` must be an array of strings")
        }
        let chunks = values.compactMap(\.string)
        let abortAfter = Int(try args.int("model_abort_after"))
        let client = ClientRecorder(goneAfter: Int(try args.int("client_gone_after")))
        let llm = LLMStage(ScriptedLLM(chunks: chunks, abortAfter: abortAfter))
        let key = call == "streamCache.answer" ? try args.string("key") : ""
        let request = GatewayRequest(
            request: LLMRequest(prompt: key), apiKey: nil, clientAddress: "", stream: true, atMs: 0,
            onChunk: { chunk, _ in try client.send(chunk.text) })
        do {
            if call == "streamCache.forward" {
                let result = try await llm.answer(request)
                return .object([
                    "completed": .bool(result.complete), "text": .string(result.complete ? result.text : ""),
                    "received": client.receivedValue,
                ])
            }
            let result = try await ExactCacheStage(redis: redis).handle(request) { try await llm.answer($0) }
            if result.outcome == .exactHit { try? client.send(result.text) }
            let stored = redis.value(CacheKey.exact(request.request)).flatMap { CachedAnswer.decode($0.utf8) }
            return .object([
                "received": client.receivedValue, "model_calls": .number(result.llmCall == nil ? 0 : 1),
                "stored": .bool(stored != nil), "value": .string(stored?.text ?? ""),
            ])
        } catch {
            throw ReferenceError(description: "\(error)")
        }
    }
}

/// An LLM whose stream delivers `chunks` and breaks before chunk number `abortAfter` (never when negative).
private struct ScriptedLLM: LLMClient {
    let chunks: [String]
    let abortAfter: Int

    mutating func call(_ request: LLMRequest, stream: Bool) -> LLMCall {
        let delivered = abortAfter >= 0 ? Array(chunks.prefix(abortAfter)) : chunks
        return LLMCall(
            request: request,
            delivery: .chunks(delivered.enumerated().map { LLMChunk(text: $1, atMs: Double($0)) }),
            outcome: abortAfter >= 0 ? .aborted(afterChunks: delivered.count) : .complete, inputTokens: 0,
            outputTokens: 0, timeToFirstTokenMs: 0, totalMs: Double(delivered.count), costUSD: 0)
    }
}

/// The client's end: records what arrived; gone (every send throws) once `goneAfter` chunks arrived.
private final class ClientRecorder: @unchecked Sendable {
    struct Gone: Error {}
    private let lock = NSLock()
    private let goneAfter: Int
    private var received: [String] = []

    init(goneAfter: Int) {
        self.goneAfter = goneAfter
    }

    func send(_ chunk: String) throws {
        try lock.withLock {
            if goneAfter >= 0, received.count >= goneAfter { throw Gone() }
            received.append(chunk)
        }
    }

    var receivedValue: ExerciseValue { .array(lock.withLock { received }.map { .string($0) }) }
}

/// GET and SETEX on a dictionary (TTLs are not kept: a test never waits for one).
private final class MemoryRedis: RESPCommandSender, @unchecked Sendable {
    private let lock = NSLock()
    private var values: [String: String] = [:]

    func send(_ arguments: [String]) async throws -> RESPValue {
        lock.withLock {
            switch arguments.first?.uppercased() {
            case "GET" where arguments.count == 2:
                return values[arguments[1]].map { .bulkString(Array($0.utf8)) } ?? .nullBulk
            case "SETEX" where arguments.count == 4:
                values[arguments[1]] = arguments[3]
                return .simpleString("OK")
            default:
                return .error("ERR unsupported command")
            }
        }
    }

    func value(_ key: String) -> String? { lock.withLock { values[key] } }
}
