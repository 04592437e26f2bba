/// What reading one line of input produced.
public enum LineInput: Sendable, Equatable {
    /// A line, without its newline.
    case line(String)
    /// Ctrl-C: the line was cleared.
    case interrupted
    /// Ctrl-D on an empty line, or the end of a script.
    case endOfInput
}

/// Reads the learner's lines. ``ReadlineEditor`` serves terminals (history, completion, Ctrl-C),
/// ``PlainLineEditor`` scripts and pipes, `ScriptedLineEditor` (ArchLabTesting) tests.
public protocol LineEditor: AnyObject {
    /// Whether prompts and interactive hints should be shown.
    var isInteractive: Bool { get }

    /// Reads one line, showing `prompt` when interactive.
    func readLine(prompt: String) -> LineInput

    /// Remembers a line the learner entered, for history recall.
    func remember(_ line: String)
}

/// Reads standard input line by line with no prompt and no escape codes, for `archlab < script.txt`.
public final class PlainLineEditor: LineEditor {
    public init() {}

    public var isInteractive: Bool { false }

    public func readLine(prompt: String) -> LineInput {
        guard let line = Swift.readLine(strippingNewline: true) else { return .endOfInput }
        return .line(line.hasSuffix("\r") ? String(line.dropLast()) : line)
    }

    public func remember(_ line: String) {}
}
