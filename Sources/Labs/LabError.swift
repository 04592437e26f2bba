/// Why a scenario could not run: a bad parameter, an unknown scenario, an unreachable store.
public struct LabError: Error, Hashable, Sendable, CustomStringConvertible {
    private enum Kind: Hashable, Sendable {
        case unknownScenario(String, known: [String])
        case unknownParameter(String, scenario: String, known: [String])
        case badParameter(String, String, expected: String)
        case malformedAssignment(String)
    }

    private let kind: Kind

    private init(_ kind: Kind) {
        self.kind = kind
    }

    public static func unknownScenario(_ id: String, known: [String]) -> LabError {
        .init(.unknownScenario(id, known: known))
    }

    public static func unknownParameter(_ name: String, scenario: String, known: [String]) -> LabError {
        .init(.unknownParameter(name, scenario: scenario, known: known))
    }

    public static func badParameter(_ name: String, _ value: String, expected: String) -> LabError {
        .init(.badParameter(name, value, expected: expected))
    }

    public static func malformedAssignment(_ text: String) -> LabError {
        .init(.malformedAssignment(text))
    }

    public var description: String {
        switch kind {
        case .unknownScenario(let id, let known):
            return "unknown scenario '\(id)'; scenarios: \(known.joined(separator: ", "))"
        case .unknownParameter(let name, let scenario, let known):
            return "scenario '\(scenario)' has no parameter '\(name)'; parameters: \(known.joined(separator: ", "))"
        case .badParameter(let name, let value, let expected):
            return "parameter '\(name)': '\(value)' is not valid; expected \(expected)"
        case .malformedAssignment(let text):
            return "'\(text)' is not a parameter assignment; write key=value"
        }
    }
}
