/// A glossary term with its definition and, optionally, the course page's snippet and its Swift twin.
public struct GlossaryEntry: Sendable, Hashable {
    public internal(set) var term: String
    public internal(set) var definition: String
    /// The course page's JavaScript snippet.
    public internal(set) var snippet: String?
    /// The Swift twin of `snippet`, as the course code writes it.
    public internal(set) var swift: String?
    /// The id of the lesson where the term is taught.
    public let lesson: String?
    public let seeAlso: [String]

    public init(
        term: String, definition: String, snippet: String? = nil, swift: String? = nil, lesson: String? = nil,
        seeAlso: [String] = []
    ) {
        self.term = term
        self.definition = definition
        self.snippet = snippet
        self.swift = swift
        self.lesson = lesson
        self.seeAlso = seeAlso
    }
}

/// A frequently asked question with a Markdown answer.
public struct FAQEntry: Sendable, Hashable {
    public internal(set) var question: String
    public internal(set) var answer: String
    /// The id of the lesson the question belongs to, if any.
    public let lesson: String?

    public init(question: String, answer: String, lesson: String? = nil) {
        self.question = question
        self.answer = answer
        self.lesson = lesson
    }
}
