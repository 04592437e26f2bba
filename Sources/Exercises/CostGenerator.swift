import CourseKit
import Foundation
import Gateway
import SeededRandom

extension ExerciseGenerators {
    /// Published prices (dollars per million input and output tokens) of a few models, as text.
    private static let prices = [
        ("2.50", "10.00"), ("0.15", "0.60"), ("3.00", "15.00"), ("0.075", "0.30"), ("1.10", "4.40"),
        ("15.00", "75.00"), ("0.10", "0.40"),
    ]

    /// `call-costs`: token counts (zero now and then), prices, traffic and cache hit rates with two or three
    /// decimals, for `cost.ofCall` and `cost.ofMonth` alike. Inputs whose month lands exactly on half a cent are
    /// skipped: there, rounding to the cent decides on a binary error rather than on the learner's arithmetic.
    static func callCosts(_ count: Int, _ random: inout SplitMix64) -> [[String: ExerciseValue]] {
        var inputs: [[String: ExerciseValue]] = []
        while inputs.count < count {
            let price = prices[random.below(prices.count)]
            let inputTokens = random.below(10) == 0 ? 0 : 1 + random.below(8000)
            let outputTokens = random.below(10) == 0 ? 0 : 1 + random.below(2000)
            let places = random.below(4) == 0 ? 3 : 2
            let digits = String(random.below(places == 3 ? 1000 : 100))
            let rate = "0." + String(repeating: "0", count: places - digits.count) + digits
            let requests = 1 + random.below(200_000)
            let days = [28, 30, 31][random.below(3)]
            guard let hitRate = Decimal(string: rate, locale: Locale(identifier: "en_US_POSIX")),
                let input = Decimal(string: price.0, locale: Locale(identifier: "en_US_POSIX")),
                let output = Decimal(string: price.1, locale: Locale(identifier: "en_US_POSIX"))
            else { continue }
            let month = ExactCost.ofMonth(
                requestsPerDay: requests, days: days, inputTokens: inputTokens, outputTokens: outputTokens,
                cacheHitRate: hitRate, price: ExactPrice(inputPerMillion: input, outputPerMillion: output))
            if isWhole(month * 200), !isWhole(month * 100) { continue }
            inputs.append([
                "input_tokens": .number(Double(inputTokens)), "output_tokens": .number(Double(outputTokens)),
                "input_per_million": .string(price.0), "output_per_million": .string(price.1),
                "requests_per_day": .number(Double(requests)), "days": .number(Double(days)),
                "cache_hit_rate": .string(rate),
            ])
        }
        return inputs
    }

    private static func isWhole(_ value: Decimal) -> Bool {
        var input = value
        var whole = Decimal()
        NSDecimalRound(&whole, &input, 0, .plain)
        return whole == value
    }
}
