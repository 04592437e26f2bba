import Foundation

/// Why a course could not be found, read or used; `description` is the message for the user.
public struct CourseError: Error, Sendable, CustomStringConvertible {
    private enum Reason: Sendable {
        case notFound(searchedFrom: String, installed: String?)
        case notACourse(path: String)
        case unreadable(file: String, message: String)
        case invalid(findings: [LintFinding])
    }

    private let reason: Reason

    private init(_ reason: Reason) {
        self.reason = reason
    }

    static func notFound(searchedFrom: String, installed: String? = nil) -> Self {
        .init(.notFound(searchedFrom: searchedFrom, installed: installed))
    }
    static func notACourse(path: String) -> Self { .init(.notACourse(path: path)) }
    static func unreadable(file: String, message: String) -> Self { .init(.unreadable(file: file, message: message)) }
    static func invalid(findings: [LintFinding]) -> Self { .init(.invalid(findings: findings)) }

    /// The findings that made the course unusable (empty for the other errors).
    public var findings: [LintFinding] {
        if case .invalid(let findings) = reason { return findings }
        return []
    }

    public var description: String {
        switch reason {
        case .notFound(let start, let installed):
            let beside = installed.map { ", nor in \($0) (the course installed beside archlab)" } ?? ""
            return "no course found: no `Lessons/course.toml` in \(start) or any folder above it\(beside) "
                + "(use --course DIR or set ARCHLAB_COURSE)"
        case .notACourse(let path):
            return "\(path): not a course directory (no `Lessons/course.toml`)"
        case .unreadable(let file, let message):
            return "\(file): \(message)"
        case .invalid(let findings):
            let shown = findings.prefix(5).map(\.description)
            let more = findings.count > 5 ? ["… and \(findings.count - 5) more (run `archlab lint`)"] : []
            return "the course has errors:\n" + (shown + more).joined(separator: "\n")
        }
    }
}
