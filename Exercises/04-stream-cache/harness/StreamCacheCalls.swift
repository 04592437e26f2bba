// Provided by ArchLab: do not edit (`archlab check` verifies this file before every check).
import ServerSupport
import ServerSwift

/// `streamCache.forward` and `streamCache.answer`: a scripted model stream and client. `chunks` is what the model
/// streams; `model_abort_after` = k makes `next()` throw when asked for chunk k (counted from 0; k = the number
/// of chunks throws instead of ending; -1 never); `client_gone_after` = g makes `send` throw once g chunks
/// arrived (-1 never). The reply shows what the client received, whether `forward` returned the whole text
/// (`completed`, `text`) and, for `answer`, the model's calls and what Redis holds at `key` (`stored`, `value`).
final class StreamCacheCalls: HarnessAdapter {
    static let namespace = "streamCache"

    init() {}

    private struct Aborted: Error, CustomStringConvertible {
        var description: String { "the model's stream was aborted" }
    }

    private struct Gone: Error, CustomStringConvertible {
        var description: String { "the client went away" }
    }

    private final class ScriptedStream: ModelStream {
        let chunks: [String]
        let abortAfter: Int
        var position = 0

        init(chunks: [String], abortAfter: Int) {
            self.chunks = chunks
            self.abortAfter = abortAfter
        }

        func next() throws -> String? {
            if abortAfter >= 0, position >= abortAfter { throw Aborted() }
            guard position < chunks.count else { return nil }
            position += 1
            return chunks[position - 1]
        }
    }

    private final class Client: ChunkSink {
        let goneAfter: Int
        var received: [String] = []

        init(goneAfter: Int) {
            self.goneAfter = goneAfter
        }

        func send(_ chunk: String) throws {
            if goneAfter >= 0, received.count >= goneAfter { throw Gone() }
            received.append(chunk)
        }
    }

    private final class ScriptedModel: StreamingModelService {
        let chunks: [String]
        let abortAfter: Int
        var calls = 0

        init(chunks: [String], abortAfter: Int) {
            self.chunks = chunks
            self.abortAfter = abortAfter
        }

        func complete(_ request: ChatRequest) throws -> String {
            throw HarnessError(description: "a streamed request must use stream(_:), not complete(_:)")
        }

        func stream(_ request: ChatRequest) throws -> ModelStream {
            calls += 1
            return ScriptedStream(chunks: chunks, abortAfter: abortAfter)
        }
    }

    func call(_ name: String, _ args: HarnessArgs) throws -> Any {
        guard let chunks = args.values["chunks"] as? [String] else {
            throw HarnessError(description: "argument `chunks` must be an array of strings")
        }
        let abortAfter = try args.int("model_abort_after")
        let client = Client(goneAfter: try args.int("client_gone_after"))
        switch name {
        case "forward":
            let text = StreamForwarder.forward(ScriptedStream(chunks: chunks, abortAfter: abortAfter), to: client)
            return ["completed": text != nil, "text": text ?? "", "received": client.received]
        case "answer":
            let key = try args.string("key")
            let redis = try RESPConnection(address: try HarnessEnvironment.redisAddress())
            let model = ScriptedModel(chunks: chunks, abortAfter: abortAfter)
            let request = ChatRequest(
                tenant: "acme", model: "gpt-4o", systemPrompt: "", prompt: key, temperature: 0, maxTokens: 512)
            try StreamCache(redis: redis, model: model).answer(request, key: key, to: client)
            let stored = try redis.send(["GET", key]).text
            return [
                "received": client.received, "model_calls": model.calls, "stored": stored != nil, "value": stored ?? "",
            ]
        default:
            throw HarnessError(description: "unknown call streamCache.\(name)")
        }
    }
}
