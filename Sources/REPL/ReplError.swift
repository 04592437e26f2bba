/// A command that could not do what was asked, with the message the learner sees.
public struct ReplError: Error, CustomStringConvertible, Equatable {
    private enum Kind: Equatable {
        case usage(String)
        case message(String)
    }

    private let kind: Kind

    /// Wrong arguments: the message names the expected usage.
    public static func usage(_ usage: String) -> ReplError {
        ReplError(kind: .usage(usage))
    }

    /// Anything else, phrased for the learner.
    public static func message(_ text: String) -> ReplError {
        ReplError(kind: .message(text))
    }

    public var description: String {
        switch kind {
        case .usage(let usage): return "Usage: \(usage)"
        case .message(let text): return text
        }
    }
}
