// Provided by ArchLab: do not edit (`archlab check` verifies this file before every check).

/// One chat request: everything that changes the model's answer.
public struct ChatRequest: Equatable {
    public var tenant: String
    public var model: String
    public var systemPrompt: String
    public var prompt: String
    public var temperature: Double
    public var maxTokens: Int

    public init(
        tenant: String, model: String, systemPrompt: String, prompt: String, temperature: Double, maxTokens: Int
    ) {
        self.tenant = tenant
        self.model = model
        self.systemPrompt = systemPrompt
        self.prompt = prompt
        self.temperature = temperature
        self.maxTokens = maxTokens
    }
}

/// The LLM provider: slow and billed per token, so every call saved counts.
public protocol ModelService: AnyObject {
    /// The model's answer to the request.
    func complete(_ request: ChatRequest) throws -> String
}

/// A rate limiter's answer to one request.
public struct RateLimitDecision: Equatable {
    /// True when the request may go on.
    public var allowed: Bool
    /// Requests left after this one.
    public var remaining: Int
    /// When (Unix milliseconds) the limiter next changes its mind: the next refill step or window.
    public var resetMs: Int64

    public init(allowed: Bool, remaining: Int, resetMs: Int64) {
        self.allowed = allowed
        self.remaining = remaining
        self.resetMs = resetMs
    }
}
