import Foundation

/// Dollars exact to the last digit: prices in `Decimal` per million tokens, so a month of traffic adds up to the
/// cent. `PriceList.cost` uses `Double`, which is fine for a report's ratios but not for a bill: $0.10 + $0.20 is
/// 0.30000000000000004 in `Double`. Exercise 1 (`cost-of-a-call`) checks the learner's `Cost` against this.
public struct ExactPrice: Sendable, Hashable {
    public var inputPerMillion: Decimal
    public var outputPerMillion: Decimal

    public init(inputPerMillion: Decimal, outputPerMillion: Decimal) {
        self.inputPerMillion = inputPerMillion
        self.outputPerMillion = outputPerMillion
    }

    /// OpenAI's list price for gpt-4o, as `PriceList.gpt4o`: $2.50 per million input tokens, $10.00 per million
    /// output tokens.
    public static let gpt4o = ExactPrice(inputPerMillion: Decimal(250) / 100, outputPerMillion: 10)
}

/// The cost of calls and of a month of traffic, in exact decimal dollars.
public enum ExactCost {
    // ANCHOR: call
    /// Dollars for one call: each token count times its price per million tokens.
    public static func ofCall(inputTokens: Int, outputTokens: Int, price: ExactPrice) -> Decimal {
        (Decimal(inputTokens) * price.inputPerMillion + Decimal(outputTokens) * price.outputPerMillion) / 1_000_000
    }
    // ANCHOR_END: call

    // ANCHOR: month
    /// Dollars for `requestsPerDay × days` requests, of which the share `cacheHitRate` (0…1) is answered from a
    /// cache and costs nothing. Nothing is rounded: round the bill, never each call.
    public static func ofMonth(
        requestsPerDay: Int, days: Int, inputTokens: Int, outputTokens: Int, cacheHitRate: Decimal,
        price: ExactPrice
    ) -> Decimal {
        let misses = Decimal(requestsPerDay) * Decimal(days) * (1 - cacheHitRate)
        return misses * ofCall(inputTokens: inputTokens, outputTokens: outputTokens, price: price)
    }
    // ANCHOR_END: month
}
