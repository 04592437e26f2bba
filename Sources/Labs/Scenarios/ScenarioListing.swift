import Foundation

/// The scenario list and report serialisation shared by `archlab run` and the REPL's `run`.
public enum ScenarioListing {
    struct Entry: Encodable {
        var id: String
        var lesson: String
        var title: String
        var summary: String
        var parameters: [ScenarioParameter]
    }

    /// `--list` output: a table, or `[{"id", "lesson", "title", "summary", "parameters"}]`.
    public static func render(format: some RawRepresentable<String>) throws -> String {
        if format.rawValue == "json" {
            let entries = ScenarioCatalog.all.map {
                Entry(id: $0.id, lesson: $0.lesson, title: $0.title, summary: $0.summary, parameters: $0.parameters)
            }
            return try encode(entries) + "\n"
        }
        var lines: [String] = []
        for scenario in ScenarioCatalog.all {
            lines.append("\(scenario.id)  (lesson \(scenario.lesson))  \(scenario.title)")
            lines.append("  \(scenario.summary)")
            for parameter in scenario.parameters {
                lines.append("    \(parameter.name)=\(parameter.defaultValue)  \(parameter.help)")
            }
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }

    /// `key=value` assignments into a dictionary; a malformed one is an error naming it.
    public static func parse(_ assignments: [String]) throws -> [String: String] {
        var result: [String: String] = [:]
        for assignment in assignments {
            guard let equals = assignment.firstIndex(of: "="), equals != assignment.startIndex else {
                throw LabError.malformedAssignment(assignment)
            }
            let key = String(assignment[..<equals]).trimmingCharacters(in: .whitespaces)
            result[key] = String(assignment[assignment.index(after: equals)...]).trimmingCharacters(in: .whitespaces)
        }
        return result
    }

    /// A report as one JSON document with sorted keys, identical for identical runs.
    public static func json(_ report: ScenarioReport) throws -> String {
        try encode(report)
    }

    private static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
