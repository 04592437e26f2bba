import Foundation

/// A labelled set of prompt pairs for choosing a similarity threshold: paraphrases that a semantic
/// cache should serve from cache, and near-misses (negations, other entities, other numbers) that
/// must not be. Text format: one pair per line, `kind<TAB>prompt A<TAB>prompt B`; `#` starts a comment.
public struct SweepDataset: Sendable {
    /// What a pair is, and so whether a hit on it is right.
    public enum Kind: String, Sendable, CaseIterable {
        case paraphrase
        case negation
        case entity
        case number

        /// True for pairs that should be cache hits.
        public var shouldHit: Bool { self == .paraphrase }
    }

    public struct Pair: Sendable, Equatable {
        public var kind: Kind
        public var a: String
        public var b: String
        public var line: Int
    }

    public var name: String
    public var pairs: [Pair]

    /// Parses the text format; errors name the file and line.
    public init(name: String, text: String) throws {
        self.name = name
        var pairs: [Pair] = []
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = rawLine.split(separator: "\t", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard fields.count == 3 else {
                throw SemanticError.dataset(
                    file: name, line: offset + 1,
                    reason: "expected kind<TAB>prompt<TAB>prompt, found \(fields.count) field(s)")
            }
            guard let kind = Kind(rawValue: fields[0]) else {
                throw SemanticError.dataset(
                    file: name, line: offset + 1,
                    reason:
                        "unknown kind \"\(fields[0])\" (use \(Kind.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            guard !fields[1].isEmpty, !fields[2].isEmpty else {
                throw SemanticError.dataset(file: name, line: offset + 1, reason: "empty prompt")
            }
            pairs.append(Pair(kind: kind, a: fields[1], b: fields[2], line: offset + 1))
        }
        guard pairs.contains(where: { $0.kind.shouldHit }), pairs.contains(where: { !$0.kind.shouldHit }) else {
            throw SemanticError.dataset(
                file: name, line: nil, reason: "needs at least one paraphrase and one near-miss pair")
        }
        self.pairs = pairs
    }

    /// The dataset shipped with ArchLab.
    public static func builtIn() throws -> SweepDataset {
        try SweepDataset(name: "built-in prompt pairs", text: builtInText)
    }

    /// Number of pairs of each kind.
    public var counts: [Kind: Int] {
        pairs.reduce(into: [:]) { $0[$1.kind, default: 0] += 1 }
    }
}
