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
