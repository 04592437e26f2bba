import JSONText

/// Renders lint findings for people (`path:line:col: error: message`) or tools (a JSON array).
public enum LintReport {
    public enum Format: String, Sendable, CaseIterable {
        case text, json
    }

    /// The findings in the chosen format; text ends with a summary line, JSON is one array.
    public static func render(_ findings: [LintFinding], format: Format) -> String {
        switch format {
        case .text:
            var lines = findings.map(\.description)
            let errors = findings.filter { $0.severity == .error }.count
            lines.append(
                findings.isEmpty
                    ? "lint: no findings"
                    : """
                        lint: \(errors) error\(errors == 1 ? "" : "s"), \(findings.count - errors) \
                        warning\(findings.count - errors == 1 ? "" : "s")
                        """
            )
            return lines.joined(separator: "\n")
        case .json:
            let objects = findings.map { finding in
                "  "
                    + JSONText.object([
                        ("file", JSONText.string(finding.file)),
                        ("line", String(finding.line)),
                        ("column", String(finding.column)),
                        ("severity", JSONText.string(finding.severity.rawValue)),
                        ("code", JSONText.string(finding.code)),
                        ("message", JSONText.string(finding.message)),
                    ])
            }
            return objects.isEmpty ? "[]" : "[\n" + objects.joined(separator: ",\n") + "\n]"
        }
    }
}
