import Foundation

/// What `Lessons/course.toml` holds, before the lesson files are read.
struct Manifest {
    var title = ""
    var subtitle: String?
    var ticker = ""
    var description: String?
    var quote: String?
    var lessonFiles: [String] = []
    var nodes: [MatrixNode] = []
    /// Key path of each node's table (`node[3]`), parallel to `nodes`.
    var nodePaths: [String] = []
    /// The `[[lab]]` tables: the question each lab's report ends with.
    var labQuestions: [LabQuestion] = []
    /// Key path of each `[[lab]]` table (`lab[2]`), parallel to `labQuestions`.
    var labPaths: [String] = []
}

/// Reads `Lessons/course.toml`: title, ticker, lesson order and the Matrix nodes.
enum ManifestParser {
    static func parse(text: String, diagnostics: FileDiagnostics) -> Manifest? {
        guard let table = SourceFile.parseTOML(text, diagnostics: diagnostics) else { return nil }
        var root = TOMLFields(table: table, path: "", diagnostics: diagnostics)
        var manifest = Manifest()
        manifest.title = root.string("title") ?? ""
        manifest.subtitle = root.string("subtitle", required: false)
        manifest.ticker = root.string("ticker") ?? ""
        manifest.description = root.string("description", required: false)
        manifest.quote = root.string("quote", required: false)
        manifest.lessonFiles = root.stringArray("lessons") ?? []
        let nodeTables = root.tables("node", required: true)
        let labTables = root.tables("lab")
        root.reportUnknownKeys()
        var seenFiles: Set<String> = []
        for file in manifest.lessonFiles where !seenFiles.insert(file).inserted {
            diagnostics.report("duplicate-id", "lesson file `\(file)` is listed twice", at: "lessons")
        }
        var seenIDs: Set<String> = []
        var seenPositions: [[Int]: String] = [:]
        for var fields in nodeTables {
            let id = fields.string("id")
            let title = fields.string("title")
            let requires = fields.stringArray("requires") ?? []
            let at = fields.intArray("at")
            let lab = fields.string("lab", required: false)
            let summary = fields.string("summary", required: false)
            let exercises = fields.stringOrArray("exercise") ?? []
            fields.reportUnknownKeys()
            guard let id else { continue }
            IDRules.check(id, what: "node id", at: fields.path + ".id", diagnostics: diagnostics)
            if !seenIDs.insert(id).inserted {
                diagnostics.report("duplicate-id", "duplicate node id `\(id)`", at: fields.path + ".id")
            }
            var column = 0
            var row = 0
            if let at {
                if at.count == 2, (0...999).contains(at[0]), (0...999).contains(at[1]) {
                    column = at[0]
                    row = at[1]
                    if let other = seenPositions[at] {
                        diagnostics.report(
                            "duplicate-position", "node `\(id)` is at [\(column), \(row)] like node `\(other)`",
                            at: fields.path + ".at")
                    } else {
                        seenPositions[at] = id
                    }
                } else {
                    diagnostics.report(
                        "invalid-value", "`at` must be [column, row], two integers from 0 to 999",
                        at: fields.path + ".at")
                }
            }
            manifest.nodePaths.append(fields.path)
            manifest.nodes.append(
                MatrixNode(
                    id: id, title: title ?? id, requires: requires, column: column, row: row, lab: lab,
                    summary: summary,
                    line: diagnostics.locator.position(of: fields.path).line, exercises: exercises))
        }
        parseLabs(labTables, into: &manifest, diagnostics: diagnostics)
        return manifest
    }

    /// `[[lab]]` tables: `scenario` and `question`, one table per scenario.
    private static func parseLabs(_ tables: [TOMLFields], into manifest: inout Manifest, diagnostics: FileDiagnostics) {
        var seen: Set<String> = []
        for var fields in tables {
            let scenario = fields.string("scenario")
            let question = fields.string("question")
            fields.reportUnknownKeys()
            guard let scenario, let question else { continue }
            if !seen.insert(scenario).inserted {
                diagnostics.report(
                    "duplicate-id", "lab `\(scenario)` has more than one `[[lab]]` table",
                    at: fields.path + ".scenario")
            }
            if question.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                diagnostics.report(
                    "invalid-value", "lab `\(scenario)`: `question` is empty", at: fields.path + ".question")
            }
            manifest.labPaths.append(fields.path)
            manifest.labQuestions.append(
                LabQuestion(
                    scenario: scenario, question: question, line: diagnostics.locator.position(of: fields.path).line))
        }
    }
}
