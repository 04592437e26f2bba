/// Step 1 of server.swift: what each request cost. A provider reports a call's usage in tokens
/// and the gateway prices them itself: a cache hit or a 429 costs nothing, a call its tokens
/// (an aborted stream's too, as far as it got), a call that failed nothing.
public struct CostMeter: GatewayStage {
    public let prices: PriceList

    public init(prices: PriceList) {
        self.prices = prices
    }

    public func handle(_ request: GatewayRequest, next: GatewayNext) async throws -> GatewayResult {
        var result = try await next(request)
        // ANCHOR: meter
        if let call = result.llmCall, !call.outcome.isFailure {
            result.costUSD = prices.cost(
                inputTokens: call.inputTokens, outputTokens: call.outputTokens)
        }
        // ANCHOR_END: meter
        return result
    }
}

extension LLMOutcome {
    /// The provider answered with an error: nothing was generated, nothing is billed.
    var isFailure: Bool {
        if case .failed = self { return true }
        return false
    }
}
