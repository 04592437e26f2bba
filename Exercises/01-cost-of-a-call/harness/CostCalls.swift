// Provided by ArchLab: do not edit (`archlab check` verifies this file before every check).
import Foundation
import ServerSupport
import ServerSwift

/// `cost.ofCall` and `cost.ofMonth`: the learner's dollars, written as the `Decimal`'s text (`{"dollars":"0.004"}`).
/// Prices and hit rates arrive as text ("2.50"), so no binary rounding happens on the way in.
final class CostCalls: HarnessAdapter {
    static let namespace = "cost"

    init() {}

    func call(_ name: String, _ args: HarnessArgs) throws -> Any {
        let price = ModelPrice(
            inputPerMillion: try decimal(args, "input_per_million"),
            outputPerMillion: try decimal(args, "output_per_million"))
        let inputTokens = try args.int("input_tokens")
        let outputTokens = try args.int("output_tokens")
        let dollars: Decimal
        switch name {
        case "ofCall":
            dollars = Cost.ofCall(inputTokens: inputTokens, outputTokens: outputTokens, price: price)
        case "ofMonth":
            dollars = Cost.ofMonth(
                requestsPerDay: try args.int("requests_per_day"), days: try args.int("days"),
                inputTokens: inputTokens, outputTokens: outputTokens,
                cacheHitRate: try decimal(args, "cache_hit_rate"), price: price)
        default:
            throw HarnessError(description: "unknown call cost.\(name)")
        }
        return ["dollars": "\(dollars)"]
    }

    private func decimal(_ args: HarnessArgs, _ key: String) throws -> Decimal {
        guard let value = Decimal(string: try args.string(key), locale: Locale(identifier: "en_US_POSIX")) else {
            throw HarnessError(description: "argument `\(key)` must be a decimal number")
        }
        return value
    }
}
