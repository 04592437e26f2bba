/// One problem found in a course's files, with the place an instructor has to look.
public struct LintFinding: Sendable, Hashable, Codable, CustomStringConvertible {
    /// How bad a finding is; every current check reports an `error`.
    public enum Severity: String, Sendable, Hashable, Codable {
        case error, warning
    }

    /// Path relative to the course directory (`Quizzes/02-exact-caching.toml`).
    public let file: String
    /// 1-based line; 1 when the problem concerns the whole file.
    public let line: Int
    /// 1-based column.
    public let column: Int
    public let severity: Severity
    /// A stable kebab-case code naming the check (`unknown-key`, `dangling-reference`…).
    public let code: String
    public let message: String

    public init(file: String, line: Int, column: Int = 1, severity: Severity = .error, code: String, message: String) {
        self.file = file
        self.line = max(line, 1)
        self.column = max(column, 1)
        self.severity = severity
        self.code = code
        self.message = message
    }

    /// `path:line:col: error: message`, the form editors and CI logs link to. A control character quoted from a
    /// course file is written as `\u{1B}`, so printing a finding never drives the terminal.
    public var description: String {
        GradeFormat.escapingControls("\(file):\(line):\(column): \(severity.rawValue): \(message)")
    }
}
