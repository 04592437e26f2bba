/// Reads `Lessons/glossary.toml` (`[[term]]`) and `Lessons/faq.toml` (`[[entry]]`).
enum ReferenceParsers {
    static func glossary(text: String, diagnostics: FileDiagnostics) -> [(entry: GlossaryEntry, path: String)] {
        guard let table = SourceFile.parseTOML(text, diagnostics: diagnostics) else { return [] }
        var root = TOMLFields(table: table, path: "", diagnostics: diagnostics)
        let terms = root.tables("term", required: true)
        root.reportUnknownKeys()
        var entries: [(GlossaryEntry, String)] = []
        var seen: Set<String> = []
        for var fields in terms {
            let term = fields.string("term")
            let definition = fields.string("definition")
            let snippet = fields.string("snippet", required: false)
            let swift = fields.string("swift", required: false)
            let lesson = fields.string("lesson", required: false)
            let seeAlso = fields.stringArray("see_also", required: false) ?? []
            fields.reportUnknownKeys()
            guard let term else { continue }
            if !seen.insert(term.lowercased()).inserted {
                diagnostics.report("duplicate-id", "duplicate glossary term `\(term)`", at: fields.path + ".term")
            }
            entries.append(
                (
                    GlossaryEntry(
                        term: term, definition: definition ?? "", snippet: snippet, swift: swift, lesson: lesson,
                        seeAlso: seeAlso),
                    fields.path
                ))
        }
        return entries
    }

    static func faq(text: String, diagnostics: FileDiagnostics) -> [(entry: FAQEntry, path: String)] {
        guard let table = SourceFile.parseTOML(text, diagnostics: diagnostics) else { return [] }
        var root = TOMLFields(table: table, path: "", diagnostics: diagnostics)
        let tables = root.tables("entry", required: true)
        root.reportUnknownKeys()
        var entries: [(FAQEntry, String)] = []
        for var fields in tables {
            let question = fields.string("question")
            let answer = fields.string("answer")
            let lesson = fields.string("lesson", required: false)
            fields.reportUnknownKeys()
            guard let question else { continue }
            entries.append((FAQEntry(question: question, answer: answer ?? "", lesson: lesson), fields.path))
        }
        return entries
    }
}
