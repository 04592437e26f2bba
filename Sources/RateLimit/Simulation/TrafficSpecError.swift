/// A traffic description that could not be read, pointing at the offending part:
/// the message, then the whole spec with carets under the bad text.
public struct TrafficSpecError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The full spec as the user wrote it.
    public let spec: String
    /// Character offsets of the offending text within `spec`.
    public let range: Range<Int>
    public let message: String

    init(spec: String, range: Range<Int>, message: String) {
        self.spec = spec
        self.range = range
        self.message = message
    }

    public var description: String {
        let width = max(1, range.count)
        let marker = String(repeating: " ", count: range.lowerBound) + String(repeating: "^", count: width)
        return "invalid traffic: \(message)\n  \(spec)\n  \(marker)"
    }
}
