import Foundation

/// Builds a `Lesson` from a lesson file: TOML front matter between `+++` lines, then pages that
/// each start at a `## ` heading, with includes resolved.
enum LessonParser {
    /// `frontMatter` receives the diagnostics of the front matter once its closing `+++` is found, for
    /// placing the loader's cross-file findings (nil when the front matter is malformed).
    static func parse(
        text: String, file: URL, relativePath: String, number: Int, resolver: IncludeResolver,
        findings: inout [LintFinding],
        frontMatter: inout FileDiagnostics?
    ) -> Lesson? {
        let lines = text.lines()
        guard lines.first?.trimmingWhitespace() == "+++" else {
            findings.append(
                LintFinding(
                    file: relativePath, line: 1, code: "front-matter",
                    message: "the first line must be `+++` (TOML front matter)"))
            return nil
        }
        guard let close = lines.indices.dropFirst().first(where: { lines[$0].trimmingWhitespace() == "+++" }) else {
            findings.append(
                LintFinding(
                    file: relativePath, line: 1, code: "front-matter",
                    message: "the front matter has no closing `+++` line"))
            return nil
        }
        let frontText = lines[1..<close].joined(separator: "\n")
        let diagnostics = FileDiagnostics(file: relativePath, text: frontText, lineOffset: 1)
        frontMatter = diagnostics
        defer { findings.append(contentsOf: diagnostics.findings) }
        guard let table = SourceFile.parseTOML(frontText, diagnostics: diagnostics, lineOffset: 1) else { return nil }
        var fields = TOMLFields(table: table, path: "", diagnostics: diagnostics)
        let id = fields.string("id")
        let title = fields.string("title")
        let step = fields.int("step")
        let node = fields.string("node")
        let quiz = fields.string("quiz")
        let scenario = fields.string("scenario", required: false)
        let minutes = fields.int("minutes")
        let summary = fields.string("summary", required: false)
        let objectives = fields.stringArray("objectives")
        fields.reportUnknownKeys()
        if let objectives { checkObjectives(objectives, diagnostics: diagnostics) }
        if let id { IDRules.check(id, what: "lesson id", at: "id", diagnostics: diagnostics) }
        if let step, !(1...8).contains(step) {
            diagnostics.report("invalid-value", "`step` must be between 1 and 8, not \(step)", at: "step")
        }
        if let minutes, minutes <= 0 {
            diagnostics.report("invalid-value", "`minutes` must be greater than 0", at: "minutes")
        }
        let pages = splitPages(
            Array(lines[(close + 1)...]), firstLine: close + 2, file: file, resolver: resolver, diagnostics: diagnostics
        )
        guard let id else { return nil }
        return Lesson(
            id: id, title: title ?? id, step: step ?? 0, node: node ?? "", quiz: quiz ?? "", scenario: scenario,
            minutes: minutes ?? 0, summary: summary, number: number, file: file, relativePath: relativePath,
            pages: pages, objectives: objectives ?? [])
    }

    /// `objectives` says what the learner can do after the lesson: at least one, none blank.
    private static func checkObjectives(_ objectives: [String], diagnostics: FileDiagnostics) {
        if objectives.isEmpty {
            diagnostics.report(
                "invalid-value",
                "`objectives` must list at least one thing the learner can do after the lesson "
                    + "(shown as \"By the end of this lesson you can …\")",
                at: "objectives")
        } else if objectives.contains(where: { $0.allSatisfy(\.isWhitespace) }) {
            diagnostics.report("invalid-value", "an entry of `objectives` is empty", at: "objectives")
        }
    }

    /// Splits the body at `## ` headings outside fenced code, resolving include lines.
    private static func splitPages(
        _ body: [String], firstLine: Int, file: URL, resolver: IncludeResolver, diagnostics: FileDiagnostics
    ) -> [LessonPage] {
        var pages: [(title: String, line: Int, body: [String], exercises: [ExerciseDirective])] = []
        var fence: String?
        var reportedStray = false
        for (offset, line) in body.enumerated() {
            let lineNumber = firstLine + offset
            let trimmed = line.trimmingWhitespace()
            var inCode = false
            if let open = fence {
                if trimmed.hasPrefix(open) { fence = nil } else { inCode = true }
            } else if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                fence = String(trimmed.prefix(3))
            } else if line.hasPrefix("## ") || line == "##" {
                pages.append((String(line.dropFirst(2)).trimmingWhitespace(), lineNumber, [], []))
                continue
            } else if let id = ExerciseDirective.exerciseID(in: line), !pages.isEmpty {
                let column = line.count - line.drop(while: \.isWhitespace).count + 1
                if id.isEmpty || id.contains(where: \.isWhitespace) {
                    diagnostics.report(
                        "invalid-value", "`{{#exercise ID}}` names one exercise id, as in `{{#exercise token-bucket}}`",
                        line: lineNumber, column: column)
                } else {
                    pages[pages.count - 1].exercises.append(
                        ExerciseDirective(exerciseID: id, line: lineNumber, column: column))
                }
            }
            var content = line
            if let directive = IncludeResolver.directive(in: line) {
                switch resolver.resolveLines(path: directive.path, anchor: directive.anchor, lessonFile: file) {
                case .success(let included):
                    content = included.lines.map(\.text).joined(separator: "\n")
                    if inCode { CodeWidthRule.check(included, lessonLine: lineNumber, diagnostics: diagnostics) }
                case .failure(let failure):
                    let column = line.count - line.drop(while: \.isWhitespace).count + 1
                    diagnostics.report(failure.code, failure.message, line: lineNumber, column: column)
                }
            } else if inCode {
                CodeWidthRule.check(line, lessonLine: lineNumber, diagnostics: diagnostics)
            }
            guard !pages.isEmpty else {
                if !trimmed.isEmpty, !reportedStray {
                    reportedStray = true
                    diagnostics.report(
                        "text-before-page", "text before the first `## ` heading (start a page first)", line: lineNumber
                    )
                }
                continue
            }
            pages[pages.count - 1].body.append(content)
        }
        if pages.isEmpty {
            diagnostics.report("empty-page", "the lesson has no pages (`## ` headings)", line: max(firstLine - 1, 1))
        }
        return pages.map { page in
            var body = page.body
            while let first = body.first, first.allSatisfy(\.isWhitespace) { body.removeFirst() }
            while let last = body.last, last.allSatisfy(\.isWhitespace) { body.removeLast() }
            var markdown = body.joined(separator: "\n")
            if markdown.utf8.count > CourseFileBounds.maxPageBytes {
                diagnostics.report(
                    "page-too-large",
                    "page `\(page.title)` is larger than 1 MB (\(markdown.utf8.count) bytes) and was not loaded; "
                        + "split it",
                    line: page.line)
                markdown = "(This page is larger than 1 MB and was not loaded.)"
            }
            if markdown.isEmpty || page.title.isEmpty {
                let what = page.title.isEmpty ? "a page heading without a title" : "page `\(page.title)` is empty"
                diagnostics.report("empty-page", what, line: page.line)
            }
            return LessonPage(title: page.title, markdown: markdown, line: page.line, exercises: page.exercises)
        }
    }
}
