import Foundation

/// The rules one question must satisfy on its own, including the answer-key self-test:
/// the key must score 100% and an empty response 0, graded exactly as learners are.
enum QuestionRules {
    static func check(_ question: Question, path: String, diagnostics: FileDiagnostics) {
        let name = "question `\(question.id)`"
        switch question.kind {
        case .single, .multiple:
            checkOptions(question, path: path, diagnostics: diagnostics)
        case .short:
            checkShort(question, path: path, diagnostics: diagnostics)
        case .numeric:
            if question.tolerance < 0 {
                diagnostics.report(
                    "numeric-tolerance", "\(name): `tolerance` must not be negative", at: path + ".tolerance")
            }
        case .order:
            if question.items.count < 2 {
                diagnostics.report("order-items", "\(name): an order question needs at least two items", at: path)
            }
            reportDuplicates(
                question.items.map(\.key), what: "item key", name: name, path: path + ".item", diagnostics: diagnostics)
        }
        selfTest(question, path: path, diagnostics: diagnostics)
    }

    private static func checkOptions(_ question: Question, path: String, diagnostics: FileDiagnostics) {
        let name = "question `\(question.id)`"
        let correct = question.options.filter(\.correct).count
        if question.options.count < 2 {
            diagnostics.report(
                "options", "\(name): a \(question.kind.rawValue) question needs at least two options", at: path)
        }
        if question.kind == .single, correct != 1 {
            diagnostics.report(
                "single-correct", "\(name): a single question needs exactly one correct option, found \(correct)",
                at: path)
        }
        if question.kind == .multiple, correct == 0 {
            diagnostics.report(
                "multiple-correct", "\(name): a multiple question needs at least one correct option", at: path)
        }
        reportDuplicates(
            question.options.map(\.key), what: "option key", name: name, path: path + ".option",
            diagnostics: diagnostics)
    }

    private static func checkShort(_ question: Question, path: String, diagnostics: FileDiagnostics) {
        let name = "question `\(question.id)`"
        if question.accept.isEmpty, question.acceptRegex.isEmpty {
            diagnostics.report("short-accept", "\(name): a short question needs `accept` or `accept_regex`", at: path)
        }
        // Compiled through the grading cache: the self-test below grades with the same compiled patterns.
        for pattern in question.acceptRegex
        where !ShortAnswerRegexCache.shared.isValid(pattern, caseSensitive: question.caseSensitive) {
            diagnostics.report(
                "short-regex", "\(name): `accept_regex` entry `\(pattern)` is not a valid regular expression",
                at: path + ".accept_regex")
        }
        let cache = ShortAnswerRegexCache.shared
        for pattern in question.acceptRegex where cache.isValid(pattern, caseSensitive: question.caseSensitive) {
            if let problem = RegexBacktracking.problem(in: pattern) {
                diagnostics.report(
                    "short-regex-backtracking",
                    "\(name): `accept_regex` entry `\(pattern)` \(problem), which can backtrack catastrophically "
                        + "(seconds per answer); use one quantifier, a possessive one (`a++`) "
                        + "or an atomic group (`(?>…)`)",
                    at: path + ".accept_regex")
            }
        }
        if question.accept.isEmpty, !question.acceptRegex.isEmpty, question.example == nil {
            diagnostics.report(
                "short-example", "\(name): a short question with only `accept_regex` needs an `example` answer",
                at: path)
        }
        if let example = question.example, !question.acceptsShort(example) {
            diagnostics.report(
                "answer-key", "\(name): the `example` `\(example)` is not accepted", at: path + ".example")
        }
    }

    private static func selfTest(_ question: Question, path: String, diagnostics: FileDiagnostics) {
        let name = "question `\(question.id)`"
        if let key = question.answerKey {
            let grade = question.grade(key)
            if !grade.correct {
                diagnostics.report(
                    "answer-key",
                    "\(name): the answer key \(describe(key)) scores \(percent(grade)) instead of 100%", at: path)
            }
        }
        let empty: Response
        switch question.kind {
        case .single: empty = .options([])
        case .multiple: empty = .options([])
        case .short: empty = .text("")
        case .numeric: empty = .text("")
        case .order: empty = .order([])
        }
        let shortEmpty = question.kind == .short && question.acceptsShort("")
        if question.grade(empty).points > 0 || shortEmpty {
            diagnostics.report("empty-response", "\(name): an empty answer would score points", at: path)
        }
    }

    private static func percent(_ grade: QuestionGrade) -> String {
        let share = grade.maxPoints > 0 ? grade.points / grade.maxPoints * 100 : 0
        return share.isFinite ? "\(Int(share.rounded()))%" : "0%"
    }

    static func describe(_ response: Response) -> String {
        switch response {
        case .option(let key): return "`\(key)`"
        case .options(let keys), .order(let keys): return "`" + keys.joined(separator: " ") + "`"
        case .text(let text): return "`\(text)`"
        case .number(let value, let unit): return "`\(value)\(unit.map { " " + $0 } ?? "")`"
        }
    }

    private static func reportDuplicates(
        _ keys: [String], what: String, name: String, path: String, diagnostics: FileDiagnostics
    ) {
        var seen: Set<String> = []
        for (index, key) in keys.enumerated() where !seen.insert(key).inserted {
            diagnostics.report("duplicate-key", "\(name): duplicate \(what) `\(key)`", at: "\(path)[\(index)].key")
        }
    }
}
