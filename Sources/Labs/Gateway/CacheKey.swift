import Crypto

/// Exact-cache keys: everything that changes the answer, hashed.
public enum CacheKey {
    // ANCHOR: normalise
    /// Trimmed, inner whitespace collapsed to one space, lowercased: "  Reset my  Password?"
    /// and "reset my password?" are the same question.
    public static func normalise(_ prompt: String) -> String {
        prompt.split(whereSeparator: \.isWhitespace).joined(separator: " ").lowercased()
    }
    // ANCHOR_END: normalise

    // ANCHOR: key
    /// `llm:exact:` + SHA-256 of tenant, model, system prompt, parameters and the normalised prompt.
    /// Leaving any of them out serves one tenant's or one model's answer to another.
    public static func exact(_ request: LLMRequest) -> String {
        let material = [
            request.tenant, request.model, request.systemPrompt,
            "temperature=\(request.temperature)", "max_tokens=\(request.maxTokens)",
            normalise(request.prompt),
        ].joined(separator: "\u{1F}")
        let digest = SHA256.hash(data: Array(material.utf8))
        return "llm:exact:" + digest.map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
    // ANCHOR_END: key
}
