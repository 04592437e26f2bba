import REPL

/// Collects everything written, errors marked with a leading `!`, for tests.
public final class BufferReplOutput: ReplOutput {
    /// Output lines; error lines are prefixed with `! `.
    public private(set) var lines: [String] = []

    public init() {}

    public func line(_ text: String) {
        lines += text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    public func error(_ text: String) {
        lines += text.split(separator: "\n", omittingEmptySubsequences: false).map { "! " + $0 }
    }

    /// Everything written, one string.
    public var text: String { lines.joined(separator: "\n") }
}
