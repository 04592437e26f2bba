import Foundation
import ServerSupport

/// Step 1 of server.swift: what a call costs. Every call to the model is billed per token, input and output at their
/// own price; a month of traffic is that times the requests the cache did not answer.
///
/// Work in `Decimal` (or in whole micro-dollars): dollars in `Double` drift, 0.1 + 0.2 is 0.30000000000000004.
/// The checker compares a month to the cent and a call to a billionth of a dollar.
public enum Cost {
    /// Dollars for one call: `inputTokens` at `price.inputPerMillion` per million tokens plus `outputTokens` at
    /// `price.outputPerMillion` per million. With gpt-4o's prices ($2.50 and $10.00), 200 tokens in and 350 out
    /// cost $0.004.
    public static func ofCall(inputTokens: Int, outputTokens: Int, price: ModelPrice) -> Decimal {
        // TODO: each token count times its price per million tokens, added up.
        return 0
    }

    /// Dollars for a month of traffic: requestsPerDay × days requests, of which the share `cacheHitRate` (0…1)
    /// is answered from a cache and costs nothing; every other request costs one call. Round nothing.
    public static func ofMonth(
        requestsPerDay: Int, days: Int, inputTokens: Int, outputTokens: Int, cacheHitRate: Decimal, price: ModelPrice
    ) -> Decimal {
        // TODO: the requests the cache did not answer, times the cost of one call.
        return 0
    }
}
