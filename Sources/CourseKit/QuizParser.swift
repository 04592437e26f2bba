import Foundation
import TOMLKit

/// Builds a `Quiz` from a quiz file, reporting every field problem and every rule a quiz breaks
/// on its own (cross-file references are checked by `CourseLinter`).
enum QuizParser {
    private static let kindFields: [QuestionKind: Set<String>] = [
        .single: ["option"],
        .multiple: ["option", "partial"],
        .short: ["accept", "accept_regex", "case_sensitive", "example"],
        .numeric: ["answer", "tolerance", "unit"],
        .order: ["item", "partial"],
    ]

    static func parse(text: String, file: URL, relativePath: String, diagnostics: FileDiagnostics) -> Quiz? {
        guard let table = SourceFile.parseTOML(text, diagnostics: diagnostics) else { return nil }
        var root = TOMLFields(table: table, path: "", diagnostics: diagnostics)
        let id = root.string("id")
        let title = root.string("title")
        let unlocks = root.string("unlocks")
        let pass = root.number("pass")
        let questionTables = root.tables("question", required: true)
        root.reportUnknownKeys()
        if let id { IDRules.check(id, what: "quiz id", at: "id", diagnostics: diagnostics) }
        if let pass, !(pass > 0 && pass <= 1) {
            diagnostics.report("invalid-value", "`pass` must be greater than 0 and at most 1, not \(pass)", at: "pass")
        }
        if table["question"] != nil, questionTables.isEmpty, table["question"]?.array != nil {
            diagnostics.report("invalid-value", "the quiz has no questions", at: "question")
        }
        var questions: [Question] = []
        var seen: Set<String> = []
        for var fields in questionTables {
            guard let question = parseQuestion(&fields, diagnostics: diagnostics) else { continue }
            if !seen.insert(question.id).inserted {
                diagnostics.report("duplicate-id", "duplicate question id `\(question.id)`", at: fields.path + ".id")
            }
            questions.append(question)
        }
        guard let id else { return nil }
        return Quiz(
            id: id, title: title ?? id, unlocks: unlocks ?? "", pass: pass ?? 1, questions: questions, file: file,
            relativePath: relativePath, contentHash: SHA256.hex(of: Array(text.utf8)))
    }

    private static func parseQuestion(_ fields: inout TOMLFields, diagnostics: FileDiagnostics) -> Question? {
        let path = fields.path
        let id = fields.string("id")
        let kindText = fields.string("kind")
        let points = fields.number("points", required: false) ?? 1
        let prompt = fields.string("prompt") ?? ""
        let hints = fields.stringArray("hints") ?? []
        let explanation = fields.string("explanation") ?? ""
        let options = fields.tables("option").map { table -> QuizOption? in
            var option = table
            let key = option.string("key")
            let text = option.string("text")
            let correct = option.bool("correct") ?? false
            let feedback = option.string("feedback", required: false)
            option.reportUnknownKeys()
            guard let key else { return nil }
            let line = diagnostics.locator.position(of: option.path).line
            return QuizOption(key: key, text: text ?? "", correct: correct, feedback: feedback, line: line)
        }
        let items = fields.tables("item").map { table -> OrderItem? in
            var item = table
            let key = item.string("key")
            let text = item.string("text")
            item.reportUnknownKeys()
            guard let key else { return nil }
            return OrderItem(key: key, text: text ?? "", line: diagnostics.locator.position(of: item.path).line)
        }
        let partial = fields.bool("partial") ?? false
        let accept = fields.stringArray("accept", required: false) ?? []
        let acceptRegex = fields.stringArray("accept_regex", required: false) ?? []
        let caseSensitive = fields.bool("case_sensitive") ?? false
        let example = fields.string("example", required: false)
        let tolerance = fields.number("tolerance", required: false) ?? 0
        let unit = fields.string("unit", required: false)
        let kind = kindText.flatMap { QuestionKind(rawValue: $0) }
        let answer = fields.number("answer", required: kind == .numeric)
        fields.reportUnknownKeys()
        if let id { IDRules.check(id, what: "question id", at: path + ".id", diagnostics: diagnostics) }
        guard let id, let kindText else { return nil }
        guard let kind else {
            diagnostics.report(
                "invalid-value",
                "`kind` must be one of single, multiple, short, numeric, order, not `\(kindText)`",
                at: path + ".kind")
            return nil
        }
        let allKindFields = kindFields.values.reduce(into: Set<String>()) { $0.formUnion($1) }
        for key in allKindFields.subtracting(kindFields[kind] ?? []).sorted() where fields.has(key) {
            diagnostics.report(
                "unused-field", "`\(key)` is not used by a `\(kind.rawValue)` question", at: path + "." + key)
        }
        let validPoints = points > 0 && points < 1e9
        if !validPoints {
            diagnostics.report("invalid-value", "`points` must be greater than 0 (and sensible)", at: path + ".points")
        }
        let question = Question(
            id: id, kind: kind, points: validPoints ? points : 1, prompt: prompt, hints: hints,
            explanation: explanation,
            options: options.compactMap { $0 }, partial: partial, accept: accept, acceptRegex: acceptRegex,
            caseSensitive: caseSensitive, example: example, answer: answer, tolerance: tolerance, unit: unit,
            items: items.compactMap { $0 }, line: diagnostics.locator.position(of: path).line)
        QuestionRules.check(question, path: path, diagnostics: diagnostics)
        return question
    }
}

/// Id syntax shared by nodes, lessons, quizzes and questions: lowercase kebab-case.
enum IDRules {
    static func isValid(_ id: String) -> Bool {
        let parts = id.split(separator: "-", omittingEmptySubsequences: false)
        return !parts.isEmpty
            && parts.allSatisfy { part in
                !part.isEmpty && part.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber) }
            }
    }

    static func check(_ id: String, what: String, at path: String, diagnostics: FileDiagnostics) {
        guard !isValid(id) else { return }
        diagnostics.report("invalid-id", "\(what) `\(id)` must be lowercase kebab-case (`exact-cache`)", at: path)
    }
}
