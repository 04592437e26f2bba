import CourseKit
import Dispatch
import Foundation
import Synchronization

/// `archlab lint --watch`: lints once, then polls the modification times of the course's files and, after each
/// save, lints again and prints only what changed: the findings that are new and the ones that were fixed.
/// Ctrl-C (or Ctrl-D when standard input is a terminal) stops it with exit status 0.
struct LintWatch {
    let directory: URL
    /// One lint pass: the findings, or the reason there is no usable course.
    let lint: () -> Result<[LintFinding], CourseError>
    var interval: TimeInterval = 0.3

    /// A finding without its position, so moving it by editing lines above is not news.
    private struct Identity: Hashable {
        let file: String
        let severity: LintFinding.Severity
        let code: String
        let message: String

        init(_ finding: LintFinding) {
            file = finding.file
            severity = finding.severity
            code = finding.code
            message = finding.message
        }
    }

    func run() {
        let stop = Atomic<Bool>(false)
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler { stop.store(true, ordering: .sequentiallyConsistent) }
        source.resume()
        if isatty(STDIN_FILENO) == 1 {
            Thread.detachNewThread {
                // Ctrl-D on a terminal ends standard input: leave as Ctrl-C does.
                while case let data = FileHandle.standardInput.availableData, !data.isEmpty {}
                stop.store(true, ordering: .sequentiallyConsistent)
            }
        }
        write("Watching \(directory.path) for saved changes (Ctrl-C to stop).")
        // The files are read before each lint, so a save while it runs is seen by the next poll.
        var snapshot = Self.snapshot(directory)
        var previous = report(lint(), previous: nil)
        while !stop.load(ordering: .sequentiallyConsistent) {
            Thread.sleep(forTimeInterval: interval)
            let current = Self.snapshot(directory)
            guard current != snapshot else { continue }
            snapshot = current
            previous = report(lint(), previous: previous)
        }
        source.cancel()
        write("Stopped watching.")
    }

    /// Prints a lint pass (everything the first time, then the difference) and returns its findings.
    private func report(_ result: Result<[LintFinding], CourseError>, previous: [LintFinding]?) -> [LintFinding] {
        let findings: [LintFinding]
        switch result {
        case .success(let list):
            findings = list
        case .failure(let error):
            write("archlab: \(error)")
            return previous ?? []
        }
        guard let previous else {
            write(LintReport.render(findings, format: .text))
            return findings
        }
        let before = Set(previous.map(Identity.init))
        let after = Set(findings.map(Identity.init))
        let added = findings.filter { !before.contains(Identity($0)) }
        let fixed = previous.filter { !after.contains(Identity($0)) }
        var lines: [String] = []
        if added.isEmpty && fixed.isEmpty {
            lines.append("re-linted: no new or fixed findings")
        } else {
            lines.append("re-linted: \(added.count) new, \(fixed.count) fixed")
            lines += added.map { "new:   \($0)" }
            lines += fixed.map { "fixed: \($0)" }
        }
        lines.append(Self.summary(findings))
        write(lines.joined(separator: "\n"))
        return findings
    }

    static func summary(_ findings: [LintFinding]) -> String {
        LintReport.render(findings, format: .text).components(separatedBy: "\n").last ?? ""
    }

    private func write(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    /// The modification time and size of the course's files: everything under `Lessons/`, `Quizzes/` and
    /// `Exercises/` (hidden files left out), and the source files the lessons include.
    static func snapshot(_ directory: URL) -> [String: [Double]] {
        var files: [String: [Double]] = [:]
        var lessons: [URL] = []
        for folder in ["Lessons", "Quizzes", "Exercises"] {
            let keys: [URLResourceKey] = [.contentModificationDateKey, .fileSizeKey, .isRegularFileKey]
            guard
                let walker = FileManager.default.enumerator(
                    at: directory.appendingPathComponent(folder), includingPropertiesForKeys: keys,
                    options: [.skipsHiddenFiles])
            else { continue }
            for case let url as URL in walker {
                guard let values = try? url.resourceValues(forKeys: Set(keys)), values.isRegularFile == true else {
                    continue
                }
                files[url.path] = [
                    values.contentModificationDate?.timeIntervalSince1970 ?? 0, Double(values.fileSize ?? 0),
                ]
                if folder == "Lessons", url.pathExtension == "md" { lessons.append(url) }
            }
        }
        for lesson in lessons {
            for url in includedFiles(of: lesson) where files[url.path] == nil {
                let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
                let modified = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
                let size = (attributes?[.size] as? NSNumber)?.doubleValue ?? -1
                files[url.path] = [modified, size]
            }
        }
        return files
    }

    /// The files a lesson's `{{#include PATH}}` / `{{#include PATH:ANCHOR}}` lines name, relative to the lesson.
    static func includedFiles(of lesson: URL) -> [URL] {
        guard let text = try? String(contentsOf: lesson, encoding: .utf8) else { return [] }
        return text.components(separatedBy: "\n").compactMap { line -> URL? in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix("{{#include "), trimmed.hasSuffix("}}") else { return nil }
            let reference = trimmed.dropFirst("{{#include ".count).dropLast(2).trimmingCharacters(in: .whitespaces)
            let path = reference.split(separator: ":", maxSplits: 1).first.map(String.init) ?? reference
            return path.isEmpty
                ? nil : lesson.deletingLastPathComponent().appendingPathComponent(path).standardizedFileURL
        }
    }
}
