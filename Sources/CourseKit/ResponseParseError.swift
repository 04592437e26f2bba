/// Why typed text is not an answer to a question; the REPL shows `description` and asks again.
public struct ResponseParseError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Reason: Sendable, Hashable {
        case empty(expected: String)
        case notALabel(String, labels: [String])
        case moreThanOne
        case repeated(String)
        case notANumber(String)
        case wrongCount(expected: Int)
        case wrongUnit(String, expected: String)
        case unexpectedUnit(String)
    }

    private let reason: Reason

    private init(_ reason: Reason) {
        self.reason = reason
    }

    static func empty(expected: String) -> Self { .init(.empty(expected: expected)) }
    static func notALabel(_ text: String, labels: [String]) -> Self { .init(.notALabel(text, labels: labels)) }
    static let moreThanOne = Self(.moreThanOne)
    static func repeated(_ label: String) -> Self { .init(.repeated(label)) }
    static func notANumber(_ text: String) -> Self { .init(.notANumber(text)) }
    static func wrongCount(expected: Int) -> Self { .init(.wrongCount(expected: expected)) }
    static func wrongUnit(_ unit: String, expected: String) -> Self { .init(.wrongUnit(unit, expected: expected)) }
    static func unexpectedUnit(_ unit: String) -> Self { .init(.unexpectedUnit(unit)) }

    public var description: String {
        switch reason {
        case .empty(let expected):
            return "no answer given: \(expected)"
        case .notALabel(let text, let labels):
            return "`\(text)` is not one of the shown choices (\(labels.joined(separator: ", ")))"
        case .moreThanOne:
            return "this question has one right answer: type a single letter"
        case .repeated(let label):
            return "`\(label)` is given twice: name each choice once"
        case .notANumber(let text):
            return "`\(text)` is not a number: type digits, optionally followed by a unit (`5`, `5 s`)"
        case .wrongUnit(let unit, let expected):
            return
                """
                    this question is answered in \(expected), not `\(unit)`: type the answer in \(expected) (e.g. `5 \
                    \(expected)`)
                    """
        case .unexpectedUnit(let unit):
            return "this question takes a plain number without a unit (`\(unit)` was typed after it)"
        case .wrongCount(let expected):
            return "type all \(expected) numbers, each once, in the right order (e.g. `\(Self.example(expected))`)"
        }
    }

    private static func example(_ count: Int) -> String {
        (1...max(count, 1)).reversed().map(String.init).joined(separator: " ")
    }
}
