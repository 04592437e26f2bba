import Gateway
import Foundation

/// The OpenAI-compatible request body of `POST /v1/chat/completions`.
struct ChatRequest: Decodable {
    struct Message: Decodable {
        var role: String
        var content: String
    }

    var model: String
    var messages: [Message]
    var stream: Bool?
    var temperature: Double?
    var maxTokens: Int?

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
        if let maxTokens, maxTokens < 1 {
            throw HTTPError.badRequest("`max_tokens` must be at least 1")
        }
        let system = messages.filter { $0.role == "system" }.map(\.content).joined(separator: "\n")
        return LLMRequest(
            tenant: tenant, model: model, systemPrompt: system.isEmpty ? LLMRequest(prompt: "").systemPrompt : system,
            prompt: prompt, temperature: temperature ?? 0, maxTokens: maxTokens ?? 512)
    }
}

/// Response bodies, shaped as OpenAI's so existing clients parse them.
enum ChatResponse {
    static func completion(id: String, created: Int64, model: String, text: String, promptTokens: Int, completionTokens: Int) -> [String: Any] {
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
        (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
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
