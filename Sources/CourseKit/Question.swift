/// The five kinds of quiz question (DESIGN.md's table).
public enum QuestionKind: String, Sendable, Hashable, CaseIterable, Codable {
    case single, multiple, short, numeric, order
}

/// One quiz question with every field any kind can carry; fields a kind does not use stay empty.
public struct Question: Sendable, Hashable {
    public let id: String
    public let kind: QuestionKind
    /// Points for a fully correct answer (default 1, > 0).
    public let points: Double
    public internal(set) var prompt: String
    public internal(set) var hints: [String]
    public internal(set) var explanation: String
    /// `single` / `multiple`: the options in file order.
    public internal(set) var options: [QuizOption]
    /// `multiple` / `order`: partial credit instead of all-or-nothing.
    public let partial: Bool
    /// `short`: accepted answers, compared after normalisation.
    public let accept: [String]
    /// `short`: regular expressions matched against the whole normalised answer.
    public let acceptRegex: [String]
    /// `short`: compare case-sensitively (default false).
    public let caseSensitive: Bool
    /// `short`: an answer that must be accepted (required when only regexes are given).
    public internal(set) var example: String?
    /// `numeric`: the right value.
    public let answer: Double?
    /// `numeric`: absolute tolerance (default 0).
    public let tolerance: Double
    /// `numeric`: the unit a learner may type after the number (`s`, `ms`, `tokens`).
    public internal(set) var unit: String?
    /// `order`: the items, listed in the right order.
    public internal(set) var items: [OrderItem]
    /// 1-based line of the question's `[[question]]` header in its quiz file.
    public let line: Int

    public init(
        id: String, kind: QuestionKind, points: Double = 1, prompt: String, hints: [String] = [],
        explanation: String = "", options: [QuizOption] = [], partial: Bool = false, accept: [String] = [],
        acceptRegex: [String] = [], caseSensitive: Bool = false, example: String? = nil, answer: Double? = nil,
        tolerance: Double = 0, unit: String? = nil, items: [OrderItem] = [], line: Int = 0
    ) {
        self.id = id
        self.kind = kind
        self.points = points
        self.prompt = prompt
        self.hints = hints
        self.explanation = explanation
        self.options = options
        self.partial = partial
        self.accept = accept
        self.acceptRegex = acceptRegex
        self.caseSensitive = caseSensitive
        self.example = example
        self.answer = answer
        self.tolerance = tolerance
        self.unit = unit
        self.items = items
        self.line = line
    }

    /// The option with this file key, if any.
    public func option(key: String) -> QuizOption? {
        options.first { $0.key == key }
    }

    /// The order item with this file key, if any.
    public func item(key: String) -> OrderItem? {
        items.first { $0.key == key }
    }
}

/// An option of a `single` or `multiple` question.
public struct QuizOption: Sendable, Hashable {
    /// The file key (`a`, `b`, ...); stored and graded, never shown.
    public let key: String
    public internal(set) var text: String
    public let correct: Bool
    /// Shown when a learner picks this option and it is wrong.
    public internal(set) var feedback: String?
    public let line: Int

    public init(key: String, text: String, correct: Bool = false, feedback: String? = nil, line: Int = 0) {
        self.key = key
        self.text = text
        self.correct = correct
        self.feedback = feedback
        self.line = line
    }
}

/// An item of an `order` question; the file lists items in the right order.
public struct OrderItem: Sendable, Hashable {
    public let key: String
    public internal(set) var text: String
    public let line: Int

    public init(key: String, text: String, line: Int = 0) {
        self.key = key
        self.text = text
        self.line = line
    }
}
