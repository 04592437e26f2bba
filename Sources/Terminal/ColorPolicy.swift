/// Decides whether output may carry ANSI colour, following DESIGN.md: colour is off when
/// standard output is not a terminal, `TERM=dumb`, `NO_COLOR` is non-empty, or `--no-color` was given.
public struct ColorPolicy: Sendable, Equatable {
    /// Whether standard output is a terminal.
    public var outputIsTerminal: Bool
    /// The process environment (only `TERM` and `NO_COLOR` are read).
    public var environment: [String: String]
    /// Whether the user passed `--no-color`.
    public var noColorFlag: Bool

    public init(outputIsTerminal: Bool, environment: [String: String], noColorFlag: Bool) {
        self.outputIsTerminal = outputIsTerminal
        self.environment = environment
        self.noColorFlag = noColorFlag
    }

    /// True when every condition for colour holds.
    public var allowsColor: Bool {
        if noColorFlag || !outputIsTerminal { return false }
        if environment["TERM"] == "dumb" { return false }
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
        return true
    }
}
