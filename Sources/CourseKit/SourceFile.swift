import Foundation
import TOMLKit

/// Reading course files as text, and parsing TOML text with syntax errors turned into findings.
enum SourceFile {
    /// Reads a course file as UTF-8 text; nil (with a finding) when it is missing, unreadable or not UTF-8, reached
    /// through a symbolic link that leaves `courseDirectory`, or over 10 MB (both checked before reading).
    static func read(_ url: URL, relativePath: String, courseDirectory: URL, findings: inout [LintFinding]) -> String? {
        if FileManager.default.fileExists(atPath: url.path),
            !CourseFileBounds.check(
                url, relativePath: relativePath, courseDirectory: courseDirectory, findings: &findings)
        {
            return nil
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            let exists = FileManager.default.fileExists(atPath: url.path)
            findings.append(
                LintFinding(
                    file: relativePath, line: 1, code: exists ? "unreadable-file" : "missing-file",
                    message: exists ? "cannot read the file" : "file not found"))
            return nil
        }
        return text(data, relativePath: relativePath, findings: &findings)
    }

    /// A file's bytes as UTF-8 text; nil (with a finding) when they are not UTF-8 or hold a NUL byte. Control
    /// characters are reported as findings; the text is still returned, so the rest of the file is checked.
    static func text(_ data: Data, relativePath: String, findings: inout [LintFinding]) -> String? {
        guard let text = String(data: data, encoding: .utf8) else {
            findings.append(
                LintFinding(file: relativePath, line: 1, code: "not-utf8", message: "the file is not valid UTF-8 text"))
            return nil
        }
        if let nul = text.utf8.firstIndex(of: 0) {
            let line = text.utf8[..<nul].reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
            findings.append(
                LintFinding(
                    file: relativePath, line: line, code: "toml-syntax", message: "the file contains a NUL byte"))
            return nil
        }
        findings += ControlCharacterLint.findings(in: text, relativePath: relativePath)
        return text
    }

    /// Parses TOML text; a syntax error becomes a finding at its position (shifted by `lineOffset`).
    static func parseTOML(_ text: String, diagnostics: FileDiagnostics, lineOffset: Int = 0) -> TOMLTable? {
        do {
            return try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            diagnostics.report(
                "toml-syntax", "TOML syntax error: \(error.description)",
                line: error.source.begin.line + lineOffset, column: error.source.begin.column)
        } catch {
            diagnostics.report("toml-syntax", "TOML syntax error: \(error)", line: 1 + lineOffset)
        }
        return nil
    }
}
