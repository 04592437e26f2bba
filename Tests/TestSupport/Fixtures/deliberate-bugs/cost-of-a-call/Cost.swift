import Foundation
import ServerSupport

// A deliberate bug for ExerciseBugsEndToEndTests: dollars in `Double`, and the month cut (not rounded) to the cent,
// so $112.50 computed as 112.49999999999999 is billed $112.49.
public enum Cost {
    public static func ofCall(inputTokens: Int, outputTokens: Int, price: ModelPrice) -> Decimal {
        Decimal(dollars(inputTokens: inputTokens, outputTokens: outputTokens, price: price))
    }

    public static func ofMonth(
        requestsPerDay: Int, days: Int, inputTokens: Int, outputTokens: Int, cacheHitRate: Decimal, price: ModelPrice
    ) -> Decimal {
        let billed = Double(requestsPerDay * days) * (1 - NSDecimalNumber(decimal: cacheHitRate).doubleValue)
        let month = billed * dollars(inputTokens: inputTokens, outputTokens: outputTokens, price: price)
        return Decimal((month * 100).rounded(.down)) / 100
    }

    private static func dollars(inputTokens: Int, outputTokens: Int, price: ModelPrice) -> Double {
        Double(inputTokens) / 1_000_000 * NSDecimalNumber(decimal: price.inputPerMillion).doubleValue
            + Double(outputTokens) / 1_000_000 * NSDecimalNumber(decimal: price.outputPerMillion).doubleValue
    }
}
