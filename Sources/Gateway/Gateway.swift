/// `server.swift` as code: the stages a request passes through, in the order a production
/// server uses them (identify → rate limit → exact cache → semantic cache → LLM).
public struct Gateway: Sendable {
    public let stages: [any GatewayStage]
    private let terminal: GatewayNext

    /// `llm` answers whatever no stage answered.
    public init(stages: [any GatewayStage], llm: LLMStage) {
        self.stages = stages
        self.terminal = { request in try await llm.answer(request) }
    }

    public func handle(_ request: GatewayRequest) async throws -> GatewayResult {
        try await run(request, from: 0)
    }

    // ANCHOR: chain
    private func run(
        _ request: GatewayRequest, from index: Int
    ) async throws -> GatewayResult {
        guard index < stages.count else { return try await terminal(request) }
        return try await stages[index].handle(request) { next in
            try await self.run(next, from: index + 1)
        }
    }
    // ANCHOR_END: chain
}
