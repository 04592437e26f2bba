/// Why a rate-limit configuration, duration, rate or store reply could not be used.
/// Carries the offending text so the message tells the user exactly what to fix.
public struct RateLimitError: Error, Hashable, Sendable, CustomStringConvertible {
    private enum Kind: Hashable, Sendable {
        case badDuration(String)
        case badRate(String)
        case badParameter(name: String, value: String, expected: String)
        case storeReply(command: String, reply: String)
        case contention(key: String, attempts: Int)
    }

    private let kind: Kind

    private init(_ kind: Kind) {
        self.kind = kind
    }

    /// A duration that does not match `^(\d+)\s?(ms|s|m|h|d)$`.
    public static func badDuration(_ text: String) -> RateLimitError { .init(.badDuration(text)) }

    /// A rate that is not `N per DURATION`.
    public static func badRate(_ text: String) -> RateLimitError { .init(.badRate(text)) }

    /// A parameter outside its allowed range.
    public static func badParameter(_ name: String, _ value: String, expected: String) -> RateLimitError {
        .init(.badParameter(name: name, value: value, expected: expected))
    }

    /// The store answered something the limiter cannot read (a wrong type, an error reply).
    public static func storeReply(command: String, reply: String) -> RateLimitError {
        .init(.storeReply(command: command, reply: reply))
    }

    /// Optimistic transactions kept failing because other clients changed the same key.
    public static func contention(key: String, attempts: Int) -> RateLimitError {
        .init(.contention(key: key, attempts: attempts))
    }

    public var description: String {
        switch kind {
        case .badDuration(let text):
            return
                """
                    invalid duration \"\(text)\": expected a whole number and a unit (ms, s, m, h, d), e.g. \"10 s\", \
                    \"500ms\", \"1d\"
                    """
        case .badRate(let text):
            return "invalid rate \"\(text)\": expected \"N per DURATION\", e.g. \"5 per 10 s\""
        case .badParameter(let name, let value, let expected):
            return "invalid \(name) \"\(value)\": expected \(expected)"
        case .storeReply(let command, let reply):
            return "unexpected reply to \(command): \(reply)"
        case .contention(let key, let attempts):
            return "gave up on \(key) after \(attempts) attempts: other clients kept changing it"
        }
    }
}

extension RateLimitError {
    /// Throws `invalid NAME "VALUE": expected a positive number of UNITS` unless `value > 0`.
    static func requirePositive(_ value: Int, _ name: String, of units: String) throws {
        guard value > 0 else { throw badParameter(name, "\(value)", expected: "a positive number of \(units)") }
    }

    /// `capacity × interval` in milliseconds, which the exact-arithmetic buckets (GCRA and
    /// the continuous token bucket) use as their scale; throws unless it stays below 2^61.
    static func scaledCapacity(_ capacity: Int, _ interval: LimitDuration) throws -> Int64 {
        let product = Int64(capacity).multipliedReportingOverflow(by: interval.milliseconds)
        guard !product.overflow, product.partialValue < Int64.max / 4 else {
            throw badParameter("capacity", "\(capacity)", expected: "a capacity times interval below 2^61 ms")
        }
        return product.partialValue
    }
}
