import Crypto
import Semantic

/// Exact-cache keys: everything that changes the answer, hashed.
public enum CacheKey {
    // ANCHOR: normalise
    /// Trimmed, inner whitespace collapsed to one space, lowercased:
    /// "  Reset my  Password?" and "reset my password?" are the same question.
    /// Plain ASCII prompts (nearly all of them) take a one-pass fast path with
    /// the same result.
    public static func normalise(_ prompt: String) -> String {
        ASCIIWords.joined(prompt, lowercased: true)
            ?? prompt.split(whereSeparator: \.isWhitespace)
                .joined(separator: " ").lowercased()
    }
    // ANCHOR_END: normalise

    // ANCHOR: key
    /// `llm:exact:` + SHA-256 of tenant, model, system prompt, parameters and
    /// the normalised prompt. Leaving any of them out serves one tenant's or
    /// one model's answer to another.
    public static func exact(_ request: LLMRequest) -> String {
        let material = [
            request.tenant, request.model, request.systemPrompt,
            "temperature=\(request.temperature)", "max_tokens=\(request.maxTokens)",
            normalise(request.prompt),
        ]
        let bytes = joined(material, separator: 0x1F)
        return "llm:exact:" + hex(SHA256.hash(data: bytes))
    }
    // ANCHOR_END: key

    /// The UTF-8 of `parts` with `separator` between them: `parts.joined(separator:)`'s bytes,
    /// without building the joined string.
    static func joined(_ parts: [String], separator: UInt8) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(parts.reduce(parts.count) { $0 + $1.utf8.count })
        for (index, part) in parts.enumerated() {
            if index > 0 { bytes.append(separator) }
            bytes.append(contentsOf: part.utf8)
        }
        return bytes
    }

    /// Lowercase hex digits by value (also `CachedAnswerJSON`'s `\u00XX` escapes).
    static let hexDigits = Array("0123456789abcdef".utf8)

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
}
