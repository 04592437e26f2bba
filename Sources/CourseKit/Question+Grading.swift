import Foundation
import Synchronization

extension Question {
    /// Grades a response exactly as DESIGN.md defines it (the same in the REPL, `grade` and lint).
    /// `nil` or an empty response scores 0.
    public func grade(_ response: Response?) -> QuestionGrade {
        guard let response, !response.isEmpty else {
            return QuestionGrade(
                questionID: id, points: 0, maxPoints: points, correct: false, answered: false, feedback: [])
        }
        let (share, feedback) = share(for: response)
        let clamped = min(max(share, 0), 1)
        return QuestionGrade(
            questionID: id, points: clamped * points, maxPoints: points, correct: clamped >= 1 - 1e-12,
            answered: true, feedback: feedback)
    }

    /// The response that must score 100%: the correct option(s), the first accepted answer (or the
    /// example), the exact number, the items in file order. `nil` when the question has no right answer.
    public var answerKey: Response? {
        switch kind {
        case .single:
            return options.first(where: \.correct).map { .option($0.key) }
        case .multiple:
            let keys = options.filter(\.correct).map(\.key)
            return keys.isEmpty ? nil : .options(keys)
        case .short:
            return (accept.first ?? example).map { .text($0) }
        case .numeric:
            return answer.map { .number($0, unit: nil) }
        case .order:
            return items.isEmpty ? nil : .order(items.map(\.key))
        }
    }

    /// The share of points (0...1) a non-empty response earns, and the feedback to show.
    private func share(for response: Response) -> (Double, [String]) {
        switch (kind, response) {
        case (.single, .option(let key)):
            return gradeChoices([key])
        case (.single, .options(let keys)) where keys.count == 1:
            return gradeChoices(keys)
        case (.multiple, .options(let keys)):
            return gradeChoices(keys)
        case (.multiple, .option(let key)):
            return gradeChoices([key])
        case (.short, .text(let text)):
            switch matchShort(text) {
            case .accepted: return (1, [])
            case .rejected: return (0, [])
            case .stopped(let pattern):
                return (
                    0,
                    [
                        "`accept_regex` entry `\(pattern)` was stopped after too many matching steps on this answer "
                            + "(it can backtrack catastrophically), so the answer scored 0; tell the course's author"
                    ]
                )
            }
        case (.numeric, .number(let value, let unit)):
            return gradeNumber(value, unit: unit)
        case (.numeric, .text(let text)):
            do {
                guard case .number(let value, let unit) = try Self.parseNumber(text, unit: self.unit) else {
                    return (0, ["`\(text)` is not a number"])
                }
                return gradeNumber(value, unit: unit)
            } catch {
                return (0, [error.description])
            }
        case (.order, .order(let keys)), (.order, .options(let keys)):
            return (orderShare(keys), [])
        default:
            return (0, ["the answer is not of the kind this \(kind.rawValue) question expects"])
        }
    }

    private func gradeChoices(_ chosen: [String]) -> (Double, [String]) {
        var unique: [String] = []
        for key in chosen where !unique.contains(key) { unique.append(key) }
        let right = options.filter(\.correct).count
        let rightChosen = unique.filter { key in options.contains { $0.key == key && $0.correct } }.count
        let wrongChosen = unique.count - rightChosen
        var feedback = options.filter { !$0.correct && unique.contains($0.key) }.compactMap(\.feedback)
        let unknown = unique.filter { option(key: $0) == nil }
        if !unknown.isEmpty {
            feedback.append("unknown option \(unknown.map { "`\($0)`" }.joined(separator: ", "))")
        }
        guard right > 0 else { return (0, feedback) }
        if kind == .single {
            return (unique.count == 1 && rightChosen == 1 ? 1 : 0, feedback)
        }
        let allRight = rightChosen == right && wrongChosen == 0
        guard partial else { return (allRight ? 1 : 0, feedback) }
        return (max(0, Double(rightChosen - wrongChosen) / Double(right)), feedback)
    }

    private func gradeNumber(_ value: Double, unit: String?) -> (Double, [String]) {
        if let unit, unit != self.unit {
            let expected = self.unit.map { "the unit is `\($0)`" } ?? "no unit is expected"
            return (0, ["`\(unit)` is not the expected unit: \(expected)"])
        }
        guard let answer, value.isFinite else { return (0, []) }
        let slack = Swift.max(abs(answer), 1) * 1e-9
        return (abs(value - answer) <= tolerance + slack ? 1 : 0, [])
    }

    /// All-or-nothing, or with `partial` the share of item pairs in the right relative order.
    private func orderShare(_ keys: [String]) -> Double {
        let expected = items.map(\.key)
        if keys == expected { return 1 }
        guard partial, expected.count > 1 else { return 0 }
        var position: [String: Int] = [:]
        for (index, key) in keys.enumerated() where position[key] == nil { position[key] = index }
        var inOrder = 0
        var pairs = 0
        for first in 0..<expected.count {
            for second in (first + 1)..<expected.count {
                pairs += 1
                if let a = position[expected[first]], let b = position[expected[second]], a < b { inOrder += 1 }
            }
        }
        return Double(inOrder) / Double(pairs)
    }

    /// DESIGN.md's `short` rule: trimmed, inner whitespace collapsed, case-folded unless
    /// `case_sensitive`; equal to an `accept` entry or matching a regex over the whole answer.
    func acceptsShort(_ text: String) -> Bool {
        if case .accepted = matchShort(text) { return true }
        return false
    }

    /// How a short answer fared: accepted, rejected, or rejected because a regex ran out of its step budget
    /// before deciding (scored 0, with the pattern named).
    enum ShortMatch {
        case accepted
        case rejected
        case stopped(pattern: String)
    }

    func matchShort(_ text: String) -> ShortMatch {
        let answer = normalisedShort(text)
        if accept.contains(where: { normalisedShort($0) == answer }) { return .accepted }
        var stopped: String?
        for pattern in acceptRegex {
            guard let regex = ShortAnswerRegexCache.shared.regex(pattern, caseSensitive: caseSensitive) else {
                continue
            }
            switch ShortAnswerRegexCache.matchesWholly(regex, answer) {
            case true?: return .accepted
            case false?: continue
            case nil: stopped = stopped ?? pattern
            }
        }
        return stopped.map { .stopped(pattern: $0) } ?? .rejected
    }

    private func normalisedShort(_ text: String) -> String {
        let collapsed = text.collapsingWhitespace()
        return caseSensitive ? collapsed : collapsed.lowercased()
    }
}

/// Compiled `accept_regex` patterns, shared so grading ten thousand files compiles each pattern once, and so
/// loading a course (which checks each pattern, then grades the answer key) compiles it once too.
final class ShortAnswerRegexCache: Sendable {
    static let shared = ShortAnswerRegexCache()

    private struct Entry: @unchecked Sendable {
        /// Whether the pattern as written compiles.
        let valid: Bool
        /// The pattern anchored at the end of the answer; nil when it does not compile.
        let regex: NSRegularExpression?
    }

    private let cache = Mutex<[String: Entry]>([:])

    /// Progress reports ICU may make while matching one answer against one pattern before the match is stopped.
    /// ICU reports about every 10,000 backtracking steps; an ordinary pattern on a short answer makes none, a
    /// catastrophic one thousands. Counting steps, not time, keeps grading deterministic.
    static let progressBudget = 100

    /// Whether `regex` matches the whole of `answer`; nil when the match used up ``progressBudget`` and was stopped.
    static func matchesWholly(_ regex: NSRegularExpression, _ answer: String) -> Bool? {
        let range = NSRange(answer.startIndex..<answer.endIndex, in: answer)
        var matched = false
        var reports = 0
        var stopped = false
        regex.enumerateMatches(in: answer, options: [.anchored, .reportProgress], range: range) { result, _, stop in
            if let result {
                matched = result.range == range
                stop.pointee = true
                return
            }
            reports += 1
            if reports > progressBudget {
                stopped = true
                stop.pointee = true
            }
        }
        return stopped ? nil : matched
    }

    /// The compiled whole-answer pattern, or nil when it does not compile.
    func regex(_ pattern: String, caseSensitive: Bool) -> NSRegularExpression? {
        entry(pattern, caseSensitive: caseSensitive).regex
    }

    /// Whether the pattern as written is a valid regular expression.
    func isValid(_ pattern: String, caseSensitive: Bool) -> Bool {
        entry(pattern, caseSensitive: caseSensitive).valid
    }

    private func entry(_ pattern: String, caseSensitive: Bool) -> Entry {
        let cacheKey = (caseSensitive ? "s:" : "i:") + pattern
        if let hit = cache.withLock({ $0[cacheKey] }) { return hit }
        let options: NSRegularExpression.Options = caseSensitive ? [] : [.caseInsensitive]
        let entry: Entry
        if (try? NSRegularExpression(pattern: pattern, options: options)) != nil {
            entry = Entry(valid: true, regex: try? NSRegularExpression(pattern: "(?:\(pattern))\\z", options: options))
        } else {
            entry = Entry(valid: false, regex: nil)
        }
        cache.withLock { $0[cacheKey] = entry }
        return entry
    }
}
