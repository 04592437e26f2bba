import Terminal

/// Connects readline's completion callback to a session created after the line editor.
/// Readline calls the completer synchronously on the thread that is inside `readLine`, the same
/// thread that owns the session, so the unchecked sendability never crosses threads.
public final class SessionCompleter: @unchecked Sendable {
    /// The session to ask; nil until it exists (then nothing completes).
    public var session: ReplSession?

    public init() {}

    /// The completer to hand to ``ReadlineEditor``.
    public var completer: LineCompleter {
        { [self] before, word in self.session?.completions(lineBeforeWord: before, word: word) ?? [] }
    }
}
