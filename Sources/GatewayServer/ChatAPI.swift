import Foundation
import Gateway

/// The OpenAI-compatible request body of `POST /v1/chat/completions`.
struct ChatRequest: Decodable {
    struct Message: Decodable {
        var role: String
        var content: String

        enum CodingKeys: String, CodingKey {
            case role, content
        }

        /// `content` as a string, or as OpenAI's list of parts whose `text` parts are joined in order.
        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            role = try container.decode(String.self, forKey: .role)
            if let text = try? container.decode(String.self, forKey: .content) {
                content = text
                return
            }
            let parts = try container.decode([Part].self, forKey: .content)
            var text = ""
            for (index, part) in parts.enumerated() {
                guard part.type == "text", let piece = part.text else {
                    let path = ChatRequest.path(decoder.codingPath + [CodingKeys.content]) + "[\(index)]"
                    throw UnsupportedPart(path: path, type: part.type)
                }
                text += piece
            }
            content = text
        }
    }

    /// One element of a list-of-parts `content`.
    struct Part: Decodable {
        var type: String
        var text: String?
    }

    /// A `content` part that is not text (an image, audio): the gateway's model only reads text.
    struct UnsupportedPart: Error {
        var path: String
        var type: String
    }

    /// The largest `max_tokens` accepted.
    static let maxTokensLimit = 100_000

    /// A decoding path as a reader writes it: `messages[0].content`.
    static func path(_ codingPath: [any CodingKey]) -> String {
        var text = ""
        for key in codingPath {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += (text.isEmpty ? "" : ".") + key.stringValue
            }
        }
        return text
    }

    var model: String
    var messages: [Message]
    var stream: Bool?
    var temperature: Double?
    /// Any JSON number, so `1e30` is answered as out of range rather than as invalid JSON.
    var maxTokens: Double?

    enum CodingKeys: String, CodingKey {
        case model, messages, stream, temperature
        case maxTokens = "max_tokens"
    }

    /// The gateway's view: the last user message is the prompt, system messages the system prompt.
    func llmRequest(tenant: String) throws -> LLMRequest {
        guard let prompt = messages.last(where: { $0.role == "user" })?.content,
            !prompt.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        else {
            throw HTTPError.badRequest("`messages` must hold at least one non-empty message with role \"user\"")
        }
        if let temperature, !(0...2).contains(temperature) {
            throw HTTPError.badRequest("`temperature` must be between 0 and 2")
        }
        if let maxTokens, maxTokens.rounded() != maxTokens || !(1...Double(Self.maxTokensLimit)).contains(maxTokens) {
            throw HTTPError.badRequest("`max_tokens` must be an integer between 1 and \(Self.maxTokensLimit)")
        }
        let system = messages.filter { $0.role == "system" }.map(\.content).joined(separator: "\n")
        return LLMRequest(
            tenant: tenant, model: model, systemPrompt: system.isEmpty ? LLMRequest(prompt: "").systemPrompt : system,
            prompt: prompt, temperature: temperature ?? 0, maxTokens: maxTokens.map { Int($0) } ?? 512)
    }
}

/// Response bodies, shaped as OpenAI's so existing clients parse them.
enum ChatResponse {
    static func completion(
        id: String, created: Int64, model: String, text: String, promptTokens: Int, completionTokens: Int
    ) -> [String: Any] {
        [
            "id": id, "object": "chat.completion", "created": created, "model": model,
            "choices": [["index": 0, "message": ["role": "assistant", "content": text], "finish_reason": "stop"]],
            "usage": [
                "prompt_tokens": promptTokens, "completion_tokens": completionTokens,
                "total_tokens": promptTokens + completionTokens,
            ],
        ]
    }

    static func chunk(id: String, created: Int64, model: String, content: String?, first: Bool) -> [String: Any] {
        var delta: [String: Any] = [:]
        if first { delta["role"] = "assistant" }
        if let content { delta["content"] = content }
        return [
            "id": id, "object": "chat.completion.chunk", "created": created, "model": model,
            "choices": [["index": 0, "delta": delta, "finish_reason": content == nil ? "stop" : NSNull()]],
        ]
    }

    static func error(_ message: String, type: String, code: String?) -> [String: Any] {
        ["error": ["message": message, "type": type, "param": NSNull(), "code": code.map { $0 as Any } ?? NSNull()]]
    }

    static func json(_ object: [String: Any]) -> Data {
        (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data("{}".utf8)
    }
}

/// An HTTP error answered with an OpenAI-style JSON body.
struct HTTPError: Error {
    var status: Int
    var message: String
    var type: String

    static func badRequest(_ message: String) -> HTTPError {
        HTTPError(status: 400, message: message, type: "invalid_request_error")
    }
}
