import Foundation

/// How a test compares a result with its expectation (`compare = "cents"` or `tolerance = …` in a case or a random
/// block of `exercise.toml`). Objects and arrays are compared as in `ExerciseValue.isMet(by:)`; the rule applies to
/// their leaves.
public enum ExerciseComparison: Sendable, Hashable {
    /// Equal values; numbers compared as numbers.
    case exact
    /// Money: a number, or a string holding a decimal number, matches when both round to the same cent. The
    /// result is first rounded to nine decimals, so a binary floating-point error such as 0.12499999999999999 for
    /// an exact half cent does not tip the rounding the wrong way: a learner computing in `Double` passes whenever
    /// `Double` is right to the cent.
    case cents
    /// Numbers (or strings holding decimal numbers) match when they differ by at most this much: a similarity
    /// computed in `Float` or `Double`, the dollars of one call.
    case tolerance(Double)

    /// Said after a failed comparison's expected value: "" for `exact`.
    public var note: String {
        switch self {
        case .exact: return ""
        case .cents: return " (compared to the cent)"
        case .tolerance(let allowed): return " (compared within \(allowed))"
        }
    }

    /// True when `expected` is met by `actual` under this rule.
    public func isMet(_ expected: ExerciseValue, by actual: ExerciseValue) -> Bool {
        switch (expected, actual) {
        case (.object(let wanted), .object(let got)):
            return wanted.allSatisfy { key, value in got[key].map { isMet(value, by: $0) } ?? false }
        case (.array(let wanted), .array(let got)):
            return wanted.count == got.count && zip(wanted, got).allSatisfy { isMet($0, by: $1) }
        default:
            return leafIsMet(expected, by: actual)
        }
    }

    private func leafIsMet(_ expected: ExerciseValue, by actual: ExerciseValue) -> Bool {
        switch self {
        case .exact:
            return expected == actual
        case .cents:
            guard let wanted = Self.decimal(expected), let got = Self.decimal(actual) else { return expected == actual }
            return Self.rounded(wanted, places: 2) == Self.rounded(Self.rounded(got, places: 9), places: 2)
        case .tolerance(let allowed):
            if case .number(let wanted) = expected, case .number(let got) = actual {
                return abs(wanted - got) <= allowed
            }
            guard let wanted = Self.decimal(expected), let got = Self.decimal(actual),
                let limit = Self.decimal(.number(allowed))
            else { return expected == actual }
            return abs(wanted - got) <= limit
        }
    }

    /// A number, or a string of a plain or scientific decimal number ("12.50", "-0.0000075", "7.5e-06").
    static func decimal(_ value: ExerciseValue) -> Decimal? {
        switch value {
        case .number(let number):
            return number.isFinite ? Decimal(string: String(number), locale: Locale(identifier: "en_US_POSIX")) : nil
        case .string(let text):
            let allowed = Set("0123456789.eE+-")
            guard !text.isEmpty, text.allSatisfy(allowed.contains), text.contains(where: \.isNumber) else { return nil }
            return Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
        default:
            return nil
        }
    }

    /// `value` rounded half away from zero to `places` decimals.
    static func rounded(_ value: Decimal, places: Int) -> Decimal {
        var input = value
        var result = Decimal()
        NSDecimalRound(&result, &input, places, .plain)
        return result
    }
}
