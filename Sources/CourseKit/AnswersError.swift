/// Why an answers file cannot be graded (unreadable, not TOML, unknown quiz or question id,
/// a response of the wrong shape), with the place to fix it.
public struct AnswersError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file as given on the command line.
    public let file: String
    /// 1-based line, 0 when the problem concerns the whole file.
    public let line: Int
    /// 1-based column, 0 when unknown.
    public let column: Int
    public let message: String

    init(file: String, line: Int = 0, column: Int = 0, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `file:line:col: error: message` (or `file: error: message` without a position).
    public var description: String {
        guard line > 0 else { return "\(file): error: \(message)" }
        return "\(file):\(line):\(max(column, 1)): error: \(message)"
    }
}
