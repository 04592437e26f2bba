/// One chat request as the gateway sees it: everything that can change the answer.
public struct LLMRequest: Sendable, Hashable {
    public var tenant: String
    public var model: String
    public var systemPrompt: String
    public var prompt: String
    public var temperature: Double
    public var maxTokens: Int
    /// Caller-supplied context the model also reads (an account note, an uploaded file): empty for most
    /// requests. No cache key holds it, so a cache must not store an answer it shaped (lesson 8's security lab).
    public var context: String

    public init(
        tenant: String = "default",
        model: String = "gpt-4o",
        systemPrompt: String = "You are a helpful support assistant.",
        prompt: String,
        temperature: Double = 0,
        maxTokens: Int = 512,
        context: String = ""
    ) {
        self.tenant = tenant
        self.model = model
        self.systemPrompt = systemPrompt
        self.prompt = prompt
        self.temperature = temperature
        self.maxTokens = maxTokens
        self.context = context
    }

    /// Tokens billed as input: the system prompt, the user's prompt and any context.
    public var inputTokens: Int {
        let extra = context.isEmpty ? 0 : TokenCounter.count(context)
        return TokenCounter.count(systemPrompt) + TokenCounter.count(prompt) + extra
    }
}

/// One piece of a streamed answer and when it leaves the model, in milliseconds after the request.
public struct LLMChunk: Sendable, Hashable {
    public var text: String
    public var atMs: Double

    public init(text: String, atMs: Double) {
        self.text = text
        self.atMs = atMs
    }
}

/// How a call ended.
public enum LLMOutcome: Sendable, Hashable {
    /// The whole answer arrived.
    case complete
    /// The stream broke after this many chunks (a dropped connection, a provider timeout).
    case aborted(afterChunks: Int)
    /// The provider answered with an error status before any token, e.g. 500.
    case failed(status: Int)

    public var isComplete: Bool { self == .complete }
}
