import Crypto
import Semantic

/// Exact-cache keys: everything that changes the answer, hashed.
public enum CacheKey {
    // ANCHOR: normalise
    /// Trimmed, inner whitespace collapsed to one space, lowercased: "  Reset my  Password?"
    /// and "reset my password?" are the same question. Plain ASCII prompts (nearly all of them)
    /// take a one-pass fast path with the same result.
    public static func normalise(_ prompt: String) -> String {
        asciiNormalised(prompt)
            ?? prompt.split(whereSeparator: \.isWhitespace).joined(separator: " ").lowercased()
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
        return "llm:exact:" + hex(SHA256.hash(data: Array(material.utf8)))
    }
    // ANCHOR_END: key

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// The digest as lowercase hex, two digits per byte.
    static func hex(_ digest: SHA256.Digest) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(SHA256.Digest.byteCount * 2)
        for byte in digest {
            bytes.append(hexDigits[Int(byte >> 4)])
            bytes.append(hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `normalise` for a prompt made only of ASCII, in one pass over its bytes; nil for any other prompt.
    static func asciiNormalised(_ prompt: String) -> String? {
        ASCIIWords.joined(prompt, lowercased: true)
    }
}
