// Provided by ArchLab: do not edit (`archlab check` verifies this file before every check).
import ServerSupport
import ServerSwift

/// `exactCache.key` and `exactCache.answer`: the learner's cache key and GET / miss / model / SETEX flow.
final class ExactCacheCalls: HarnessAdapter {
    static let namespace = "exactCache"

    init() {}

    /// A model that answers `reply` and counts its calls: the test sees whether the cache spared one.
    private final class FakeModel: ModelService {
        let reply: String
        var calls = 0

        init(reply: String) {
            self.reply = reply
        }

        func complete(_ request: ChatRequest) throws -> String {
            calls += 1
            return reply
        }
    }

    func call(_ name: String, _ args: HarnessArgs) throws -> Any {
        let request = ChatRequest(
            tenant: try args.string("tenant"), model: try args.string("model"),
            systemPrompt: try args.string("system_prompt"), prompt: try args.string("prompt"),
            temperature: try args.double("temperature"), maxTokens: try args.int("max_tokens"))
        switch name {
        case "key":
            return ExactCache.key(for: request)
        case "answer":
            let redis = try RESPConnection(address: try HarnessEnvironment.redisAddress())
            let model = FakeModel(reply: try args.string("model_reply"))
            let text = try ExactCache(redis: redis, model: model).answer(request)
            return ["text": text, "model_calls": model.calls]
        default:
            throw HarnessError(description: "unknown call exactCache.\(name)")
        }
    }
}
