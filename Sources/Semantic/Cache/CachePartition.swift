/// Everything besides the prompt that changes the answer. Entries are only ever matched within
/// one partition, so one tenant never receives another tenant's answer, and a different model,
/// system prompt or temperature never reuses an answer produced under other settings.
public struct CachePartition: Hashable, Sendable, CustomStringConvertible {
    public var tenant: String
    public var model: String
    public var systemPrompt: String
    /// Generation parameters such as `temperature`; compared as a whole.
    public var parameters: [String: String]

    public init(tenant: String, model: String, systemPrompt: String = "", parameters: [String: String] = [:]) {
        self.tenant = tenant
        self.model = model
        self.systemPrompt = systemPrompt
        self.parameters = parameters
    }

    public var description: String {
        let params = parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
        return "tenant=\(tenant) model=\(model) system=\(systemPrompt.count) chars params={\(params)}"
    }
}

/// Prompt normalisation for the exact-match check: trimmed, inner whitespace collapsed, case-folded.
public enum PromptNormaliser {
    public static func normalise(_ prompt: String) -> String {
        ASCIIWords.joined(prompt, lowercased: true)
            ?? prompt.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
