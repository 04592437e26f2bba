/// Everything besides the prompt that changes the answer. Entries are only ever matched within
/// one partition, so one tenant never receives another tenant's answer, and a different model,
/// system prompt or temperature never reuses an answer produced under other settings.
public struct CachePartition: Hashable, Sendable, CustomStringConvertible {
    public var tenant: String { didSet { rehash() } }
    public var model: String { didSet { rehash() } }
    public var systemPrompt: String { didSet { rehash() } }
    /// Generation parameters such as `temperature`; compared as a whole.
    public var parameters: [String: String] { didSet { rehash() } }
    /// The fields' hash, computed when they change: a cache looks a partition up several times per
    /// request, and hashing the parameters dictionary each time cost more than the lookup itself.
    private var fieldsHash = 0

    public init(tenant: String, model: String, systemPrompt: String = "", parameters: [String: String] = [:]) {
        self.tenant = tenant
        self.model = model
        self.systemPrompt = systemPrompt
        self.parameters = parameters
        rehash()
    }

    public var description: String {
        let params = parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
        return "tenant=\(tenant) model=\(model) system=\(systemPrompt.count) chars params={\(params)}"
    }

    /// Equal fields (strings by canonical equivalence, as `String` compares them); the stored hashes
    /// settle most unequal pairs at once.
    public static func == (lhs: CachePartition, rhs: CachePartition) -> Bool {
        lhs.fieldsHash == rhs.fieldsHash && lhs.tenant == rhs.tenant && lhs.model == rhs.model
            && lhs.systemPrompt == rhs.systemPrompt && lhs.parameters == rhs.parameters
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(fieldsHash)
    }

    private mutating func rehash() {
        var hasher = Hasher()
        hasher.combine(tenant)
        hasher.combine(model)
        hasher.combine(systemPrompt)
        hasher.combine(parameters)
        fieldsHash = hasher.finalize()
    }
}

/// Prompt normalisation for the exact-match check: trimmed, inner whitespace collapsed, case-folded.
public enum PromptNormaliser {
    public static func normalise(_ prompt: String) -> String {
        ASCIIWords.joined(prompt, lowercased: true)
            ?? prompt.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
