/// An error from the Semantic module: a missing or corrupt model file, a bad dataset, a wrong dimension.
public struct SemanticError: Error, CustomStringConvertible, Sendable {
    private enum Kind: Sendable {
        case modelMissing(directory: String, file: String)
        case modelCorrupt(file: String, reason: String)
        case dimensionMismatch(expected: Int, got: Int)
        case dataset(file: String, line: Int?, reason: String)
        case fetch(reason: String)
        case io(file: String, reason: String)
        case unknownModel(name: String)
        case indexFull(capacity: Int)
    }

    private let kind: Kind

    private init(_ kind: Kind) { self.kind = kind }

    static func modelMissing(directory: String, file: String) -> SemanticError {
        SemanticError(.modelMissing(directory: directory, file: file))
    }

    static func modelCorrupt(file: String, reason: String) -> SemanticError {
        SemanticError(.modelCorrupt(file: file, reason: reason))
    }

    static func dimensionMismatch(expected: Int, got: Int) -> SemanticError {
        SemanticError(.dimensionMismatch(expected: expected, got: got))
    }

    static func dataset(file: String, line: Int?, reason: String) -> SemanticError {
        SemanticError(.dataset(file: file, line: line, reason: reason))
    }

    static func fetch(_ reason: String) -> SemanticError { SemanticError(.fetch(reason: reason)) }

    static func io(file: String, reason: String) -> SemanticError { SemanticError(.io(file: file, reason: reason)) }

    static func unknownModel(_ name: String) -> SemanticError { SemanticError(.unknownModel(name: name)) }

    static func indexFull(capacity: Int) -> SemanticError { SemanticError(.indexFull(capacity: capacity)) }

    /// True when the error comes from what the user typed or supplied (exit code 2) rather than the environment.
    public var isUnusableInput: Bool {
        switch kind {
        case .dataset, .unknownModel: return true
        default: return false
        }
    }

    public var description: String {
        switch kind {
        case .modelMissing(let directory, let file):
            return "MiniLM model not installed: \(file) is missing in \(directory) (run `archlab model fetch`)"
        case .modelCorrupt(let file, let reason):
            return "\(file): \(reason)"
        case .dimensionMismatch(let expected, let got):
            return "vector has dimension \(got), expected \(expected)"
        case .dataset(let file, let line, let reason):
            if let line { return "\(file):\(line): \(reason)" }
            return "\(file): \(reason)"
        case .fetch(let reason):
            return "model fetch failed: \(reason)"
        case .io(let file, let reason):
            return "\(file): \(reason)"
        case .unknownModel(let name):
            return "unknown model \"\(name)\" (use minilm or lexical)"
        case .indexFull(let capacity):
            return "vector index is full (\(capacity) entries)"
        }
    }
}
