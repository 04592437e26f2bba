/// What a provider bills per 1,000 input and output tokens. Savings are reported as ratios
/// too, because ratios stay true when prices change.
public struct PriceList: Sendable, Hashable, Codable {
    /// Where the prices come from and when they were read, shown in every report.
    public var source: String
    public var inputPer1K: Double
    public var outputPer1K: Double

    public init(source: String, inputPer1K: Double, outputPer1K: Double) {
        self.source = source
        self.inputPer1K = inputPer1K
        self.outputPer1K = outputPer1K
    }

    /// OpenAI's published API price for gpt-4o: $2.50 per million input tokens and $10.00 per
    /// million output tokens (openai.com/api/pricing, as listed from August 2024 through 2025).
    /// A 200-token question with a 350-token answer costs $0.004 at these prices.
    public static let gpt4o = PriceList(
        source: "OpenAI gpt-4o list price, $2.50/M input, $10.00/M output (openai.com/api/pricing, 2024-08 to 2025)",
        inputPer1K: 0.0025,
        outputPer1K: 0.010
    )

    // ANCHOR: cost
    /// The cost in dollars of one call.
    public func cost(inputTokens: Int, outputTokens: Int) -> Double {
        Double(inputTokens) / 1000 * inputPer1K
            + Double(outputTokens) / 1000 * outputPer1K
    }
    // ANCHOR_END: cost
}
