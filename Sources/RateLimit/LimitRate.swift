/// A rate written as `N per DURATION` ("5 per 10 s"), the course's way of saying
/// "N requests (or tokens) in each DURATION".
public struct LimitRate: Hashable, Sendable, CustomStringConvertible {
    public let count: Int
    public let per: LimitDuration

    public init(count: Int, per: LimitDuration) throws {
        guard count > 0 else {
            throw RateLimitError.badParameter("rate", "\(count) per \(per)", expected: "a positive count")
        }
        self.count = count
        self.per = per
    }

    /// Parses `"5 per 10 s"`, `"100 per 1m"`; anything else throws an error naming the text.
    public init(parsing text: String) throws {
        let parts = text.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
        guard parts.count == 3, parts[1] == "per", let count = Int(parts[0]), count > 0 else {
            throw RateLimitError.badRate(text)
        }
        let duration: LimitDuration
        do {
            duration = try LimitDuration(parsing: String(parts[2]))
        } catch {
            throw RateLimitError.badRate(text)
        }
        self.count = count
        self.per = duration
    }

    public var description: String { "\(count) per \(per)" }
}
