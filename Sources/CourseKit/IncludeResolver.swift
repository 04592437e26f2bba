import Foundation

/// Resolves `{{#include PATH:ANCHOR}}` and `{{#include PATH}}` lines: PATH is relative to the
/// lesson file and must stay inside the course directory; an anchor takes the lines between
/// `ANCHOR: name` and `ANCHOR_END: name` markers, dropping every marker line.
///
/// One resolver serves every lesson of a load: lessons include the same source files again and again
/// (`server.swift` in each step), so each path is resolved, read and split into lines once.
final class IncludeResolver {
    let courseDirectory: URL
    /// The course directory's path components, symbolic links resolved.
    private lazy var rootComponents = courseDirectory.standardizedFileURL.resolvingSymlinksInPath().pathComponents
    /// Resolved targets by lesson folder and include path.
    private var targets: [String: URL] = [:]
    /// What each resolved target holds.
    private var files: [String: IncludedFile] = [:]

    /// An included file as read: its lines, or why it cannot be included.
    private enum IncludedFile {
        case lines([String])
        case missing
        case notUTF8
        case tooLarge(Int)
    }

    init(courseDirectory: URL) {
        self.courseDirectory = courseDirectory
    }

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
        resolveLines(path: path, anchor: anchor, lessonFile: lessonFile).map { included in
            included.lines.map(\.text).joined(separator: "\n")
        }
    }

    /// The included lines with their 1-based line numbers in the included file (for findings that point there).
    func resolveLines(path: String, anchor: String?, lessonFile: URL) -> Result<IncludedLines, IncludeFailure> {
        guard !path.isEmpty else {
            return .failure(IncludeFailure(code: "include-missing", message: "include without a path"))
        }
        let target = self.target(path: path, lessonFile: lessonFile)
        let targetComponents = target.pathComponents
        guard targetComponents.starts(with: rootComponents), targetComponents.count > rootComponents.count else {
            return .failure(
                IncludeFailure(
                    code: "include-outside", message: "include path `\(path)` leaves the course directory"))
        }
        let lines: [String]
        switch file(at: target.path) {
        case .missing:
            return .failure(IncludeFailure(code: "include-missing", message: "included file `\(path)` not found"))
        case .notUTF8:
            return .failure(
                IncludeFailure(code: "include-missing", message: "included file `\(path)` is not UTF-8 text"))
        case .tooLarge(let size):
            return .failure(
                IncludeFailure(
                    code: "file-too-large",
                    message: "included file `\(path)` is larger than 10 MB (\(size) bytes) and was not read"))
        case .lines(let read):
            lines = read
        }
        let relative = target.pathComponents.dropFirst(rootComponents.count).joined(separator: "/")
        guard let anchor else {
            let kept = lines.enumerated().filter { Self.marker(in: $0.element) == nil }.map {
                (text: $0.element, line: $0.offset + 1)
            }
            return .success(IncludedLines(path: relative, lines: Self.trimTrailingEmpty(kept)))
        }
        var inside = false
        var found = false
        var ended = false
        var kept: [(text: String, line: Int)] = []
        for (index, line) in lines.enumerated() {
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
            if inside { kept.append((text: line, line: index + 1)) }
        }
        guard found else {
            return .failure(
                IncludeFailure(code: "include-anchor", message: "anchor `\(anchor)` not found in `\(path)`"))
        }
        guard ended else {
            return .failure(
                IncludeFailure(
                    code: "include-anchor", message: "anchor `\(anchor)` in `\(path)` has no `ANCHOR_END: \(anchor)`"))
        }
        let dedented = Self.dedent(kept.map(\.text))
        return .success(
            IncludedLines(path: relative, lines: zip(dedented, kept).map { (text: $0.0, line: $0.1.line) }))
    }

    /// `path` relative to the lesson's folder, standardized and with symbolic links resolved.
    private func target(path: String, lessonFile: URL) -> URL {
        let base = lessonFile.deletingLastPathComponent()
        let key = base.path + "\u{0}" + path
        if let known = targets[key] { return known }
        let target = URL(fileURLWithPath: path, relativeTo: base).standardizedFileURL.resolvingSymlinksInPath()
        targets[key] = target
        return target
    }

    /// The lines of the file at `path`, read once per load.
    private func file(at path: String) -> IncludedFile {
        if let known = files[path] { return known }
        let file: IncludedFile
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) || isDirectory.boolValue {
            file = .missing
        } else if let size = CourseFileBounds.size(of: path), size > CourseFileBounds.maxFileBytes {
            file = .tooLarge(size)
        } else if let data = FileManager.default.contents(atPath: path) {
            file = String(data: data, encoding: .utf8).map { .lines($0.lines()) } ?? .notUTF8
        } else {
            file = .missing
        }
        files[path] = file
        return file
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

    private static func trimTrailingEmpty(_ lines: [(text: String, line: Int)]) -> [(text: String, line: Int)] {
        var result = lines
        while let last = result.last, last.text.isEmpty { result.removeLast() }
        return result
    }
}

/// What an include brings in: the included file's path relative to the course directory, and its lines, each
/// with its 1-based line number in that file.
struct IncludedLines {
    let path: String
    let lines: [(text: String, line: Int)]
}

/// Why an include could not be resolved.
struct IncludeFailure: Error {
    let code: String
    let message: String
}
