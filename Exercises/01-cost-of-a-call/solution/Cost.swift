import Foundation
import ServerSupport

/// Step 1 of server.swift: what a call costs. Every call to the model is billed per token, input and output at their
/// own price; a month of traffic is that times the requests the cache did not answer. `Decimal`, so the bill is
/// exact to the cent.
public enum Cost {
    /// Dollars for one call.
    public static func ofCall(inputTokens: Int, outputTokens: Int, price: ModelPrice) -> Decimal {
        (Decimal(inputTokens) * price.inputPerMillion + Decimal(outputTokens) * price.outputPerMillion) / 1_000_000
    }

    /// Dollars for a month of traffic: requestsPerDay × days requests, of which the share `cacheHitRate` (0…1)
    /// is answered from a cache and costs nothing.
    public static func ofMonth(
        requestsPerDay: Int, days: Int, inputTokens: Int, outputTokens: Int, cacheHitRate: Decimal, price: ModelPrice
    ) -> Decimal {
        let misses = Decimal(requestsPerDay * days) * (1 - cacheHitRate)
        return misses * ofCall(inputTokens: inputTokens, outputTokens: outputTokens, price: price)
    }
}
