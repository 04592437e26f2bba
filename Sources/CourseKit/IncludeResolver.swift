import Foundation

/// Resolves `{{#include PATH:ANCHOR}}` and `{{#include PATH}}` lines: PATH is relative to the
/// lesson file and must stay inside the course directory; an anchor takes the lines between
/// `ANCHOR: name` and `ANCHOR_END: name` markers, dropping every marker line.
struct IncludeResolver {
    let courseDirectory: URL

    /// The directive's path and anchor when `line` is an include line, else nil.
    static func directive(in line: String) -> (path: String, anchor: String?)? {
        let trimmed = line.trimmingWhitespace()
        guard trimmed.hasPrefix("{{#include"), trimmed.hasSuffix("}}") else { return nil }
        let inner = String(trimmed.dropFirst("{{#include".count).dropLast(2)).trimmingWhitespace()
        guard !inner.isEmpty else { return ("", nil) }
        if let colon = inner.lastIndex(of: ":") {
            let anchor = String(inner[inner.index(after: colon)...]).trimmingWhitespace()
            let path = String(inner[..<colon]).trimmingWhitespace()
            if !anchor.isEmpty, !anchor.contains("/") { return (path, anchor) }
        }
        return (inner, nil)
    }

    /// The included text, or a message saying why it cannot be included (and a finding code).
    func resolve(path: String, anchor: String?, lessonFile: URL) -> Result<String, IncludeFailure> {
        guard !path.isEmpty else { return .failure(IncludeFailure(code: "include-missing", message: "include without a path")) }
        let base = lessonFile.deletingLastPathComponent()
        let target = URL(fileURLWithPath: path, relativeTo: base).standardizedFileURL.resolvingSymlinksInPath()
        let root = courseDirectory.standardizedFileURL.resolvingSymlinksInPath()
        let rootComponents = root.pathComponents
        guard target.pathComponents.starts(with: rootComponents), target.pathComponents.count > rootComponents.count else {
            return .failure(IncludeFailure(
                code: "include-outside", message: "include path `\(path)` leaves the course directory"))
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: target.path, isDirectory: &isDirectory), !isDirectory.boolValue,
            let data = FileManager.default.contents(atPath: target.path)
        else {
            return .failure(IncludeFailure(code: "include-missing", message: "included file `\(path)` not found"))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return .failure(IncludeFailure(code: "include-missing", message: "included file `\(path)` is not UTF-8 text"))
        }
        let lines = text.lines()
        guard let anchor else {
            let kept = lines.filter { Self.marker(in: $0) == nil }
            return .success(Self.trimTrailingEmpty(kept).joined(separator: "\n"))
        }
        var inside = false
        var found = false
        var ended = false
        var kept: [String] = []
        for line in lines {
            if let marker = Self.marker(in: line) {
                if marker.name == anchor {
                    if marker.isEnd, inside {
                        ended = true
                        break
                    } else if !marker.isEnd {
                        inside = true
                        found = true
                    }
                }
                continue
            }
            if inside { kept.append(line) }
        }
        guard found else {
            return .failure(IncludeFailure(code: "include-anchor", message: "anchor `\(anchor)` not found in `\(path)`"))
        }
        guard ended else {
            return .failure(IncludeFailure(
                code: "include-anchor", message: "anchor `\(anchor)` in `\(path)` has no `ANCHOR_END: \(anchor)`"))
        }
        return .success(Self.dedent(kept).joined(separator: "\n"))
    }

    /// `ANCHOR: name` or `ANCHOR_END: name` anywhere on a line (after `//`, `#`…).
    static func marker(in line: String) -> (name: String, isEnd: Bool)? {
        // Most lines have no marker; the byte search is much cheaper than Foundation's `range(of:)`.
        guard line.utf8.contains(UInt8(ascii: "A")), line.contains("ANCHOR") else { return nil }
        for (token, isEnd) in [("ANCHOR_END:", true), ("ANCHOR:", false)] {
            guard let range = line.range(of: token) else { continue }
            let name = String(line[range.upperBound...]).trimmingWhitespace().prefix { !$0.isWhitespace }
            return (String(name), isEnd)
        }
        return nil
    }

    private static func dedent(_ lines: [String]) -> [String] {
        let indents = lines.filter { !$0.allSatisfy(\.isWhitespace) }.map { $0.prefix(while: { $0 == " " }).count }
        let common = indents.min() ?? 0
        return lines.map { $0.allSatisfy(\.isWhitespace) ? "" : String($0.dropFirst(common)) }
    }

    private static func trimTrailingEmpty(_ lines: [String]) -> [String] {
        var result = lines
        while let last = result.last, last.isEmpty { result.removeLast() }
        return result
    }
}

/// Why an include could not be resolved.
struct IncludeFailure: Error {
    let code: String
    let message: String
}
