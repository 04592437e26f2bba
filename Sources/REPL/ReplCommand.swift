/// The words a command was called with: `open 2` gives `words == ["2"]`, `rest == "2"`.
public struct CommandArguments: Sendable, Equatable {
    /// The arguments split on whitespace.
    public let words: [String]
    /// Everything after the command name, trimmed (for commands taking free text, such as `glossary rate limit`).
    public let rest: String

    public init(words: [String], rest: String) {
        self.words = words
        self.rest = rest
    }
}

/// What a command did, which decides the session's exit status and whether it goes on.
public enum CommandResult: Sendable, Equatable {
    case succeeded
    case failed
    case quit
}

/// A REPL command: its names, help, argument completion and handler. Labs build their own
/// (`redis`, `run`, `limit`, …) and hand them to ``CommandRegistry/register(_:)``; the core needs no change.
public struct ReplCommand {
    /// The name typed to run it.
    public let name: String
    /// Other names that run it (`exit` for `quit`).
    public let aliases: [String]
    /// The synopsis shown by `help`, e.g. `open <n|id>`.
    public let usage: String
    /// One line for the command list.
    public let summary: String
    /// The longer text `help <command>` prints (Markdown).
    public let help: String
    /// Candidates for the argument being completed, given the words before it.
    public let completer: (ReplSession, _ previousArguments: [String]) -> [String]
    /// Runs the command; a thrown ``ReplError`` is shown to the learner and counts as a failure.
    /// It may be `async`, so lab commands can await their servers and simulations.
    public let handler: (ReplSession, CommandArguments) async throws -> CommandResult

    public init(
        name: String,
        aliases: [String] = [],
        usage: String,
        summary: String,
        help: String,
        completer: @escaping (ReplSession, _ previousArguments: [String]) -> [String] = { _, _ in [] },
        handler: @escaping (ReplSession, CommandArguments) async throws -> CommandResult
    ) {
        self.name = name
        self.aliases = aliases
        self.usage = usage
        self.summary = summary
        self.help = help
        self.completer = completer
        self.handler = handler
    }
}
