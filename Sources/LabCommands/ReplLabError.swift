/// Why a lab command could not do what was asked, phrased for the learner.
public struct ReplLabError: Error, CustomStringConvertible, Equatable {
    private enum Kind: Equatable {
        case usage(String)
        case unbalancedQuotes(String)
        case invalid(String)
    }

    private let kind: Kind

    /// Wrong arguments: names the expected usage.
    static func usage(_ usage: String) -> ReplLabError { ReplLabError(kind: .usage(usage)) }

    /// A line whose quotes do not close (`similar "a b`).
    static func unbalancedQuotes(_ line: String) -> ReplLabError { ReplLabError(kind: .unbalancedQuotes(line)) }

    /// A value or state the command cannot work with.
    static func invalid(_ message: String) -> ReplLabError { ReplLabError(kind: .invalid(message)) }

    public var description: String {
        switch kind {
        case .usage(let usage): return "Usage: \(usage)"
        case .unbalancedQuotes(let line): return "Unbalanced quotes in `\(line)`: close every \" or ' you open."
        case .invalid(let message): return message
        }
    }
}
