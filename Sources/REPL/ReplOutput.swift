import Foundation

/// Where a session writes: standard output and error for the program, a buffer for tests.
public protocol ReplOutput: AnyObject {
    /// Writes `text` and a newline to the normal output.
    func line(_ text: String)
    /// Writes `text` and a newline where errors go.
    func error(_ text: String)
}

/// Writes straight to the file descriptors (unbuffered), so output and errors keep their order in a pipe.
public final class StandardReplOutput: ReplOutput {
    public init() {}

    public func line(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    public func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}

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
