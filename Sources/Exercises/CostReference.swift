import CourseKit
import Foundation
import Gateway

/// Gateway's `ExactCost`: `cost.ofCall` and `cost.ofMonth` in exact decimal dollars, written as the harness writes
/// them (`{"dollars": "0.004"}`, the `Decimal`'s text).
final class CostReference: ExerciseReference {
    func expected(call: String, args: [String: ExerciseValue]) throws(ReferenceError) -> ExerciseValue {
        let price = ExactPrice(
            inputPerMillion: try args.decimal("input_per_million"),
            outputPerMillion: try args.decimal("output_per_million"))
        let inputTokens = Int(try args.int("input_tokens"))
        let outputTokens = Int(try args.int("output_tokens"))
        let dollars: Decimal
        switch call {
        case "cost.ofCall":
            dollars = ExactCost.ofCall(inputTokens: inputTokens, outputTokens: outputTokens, price: price)
        case "cost.ofMonth":
            dollars = ExactCost.ofMonth(
                requestsPerDay: Int(try args.int("requests_per_day")), days: Int(try args.int("days")),
                inputTokens: inputTokens, outputTokens: outputTokens,
                cacheHitRate: try args.decimal("cache_hit_rate"), price: price)
        default:
            throw ReferenceError(description: "gateway.exact-cost has no call \(call)")
        }
        return .object(["dollars": .string("\(dollars)")])
    }
}

extension [String: ExerciseValue] {
    /// A decimal given as text ("2.50"), so no binary rounding happens on the way.
    func decimal(_ key: String) throws(ReferenceError) -> Decimal {
        guard let text = self[key]?.string, let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
        else {
            throw ReferenceError(description: "argument `\(key)` must be a decimal number written as a string")
        }
        return value
    }
}
