import ArgumentParser
import CourseKit
import Foundation
import Labs

extension LintReport.Format: ExpressibleByArgument {}

/// `archlab lint`: checks every course file and prints the findings with their location.
struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check the course files (lessons, quizzes, Matrix, glossary, FAQ) and report problems.",
        discussion: """
            Exit status: 0 no findings, 1 findings (errors or warnings), 2 no course found or unreadable. \
            --against OLD_DIR (or --against-rev REV, read with git archive) adds a warning for every change that \
            affects recorded progress: a removed or renamed node, lesson, quiz or question id, a changed answer key, \
            pass mark or unlocked node; like any finding, warnings give exit status 1. \
            --watch lints again after every save and prints only the new and fixed findings; Ctrl-C stops it \
            (exit status 0).
            """
    )

    @OptionGroup var courseOptions: CourseOptions

    @Option(help: "Output format: text or json.")
    var format: LintReport.Format = .text

    @Flag(help: "Keep watching the course's files; after each save print only the new and fixed findings.")
    var watch = false

    @Option(
        name: .customLong("against"),
        help: "An older copy of the course: warn about changes that affect recorded progress.")
    var againstDirectory: String?

    @Option(
        name: .customLong("against-rev"),
        help: "A git revision of the course (HEAD~1, a tag) to compare with, as --against does.")
    var againstRevision: String?

    func validate() throws {
        if againstDirectory != nil, againstRevision != nil {
            throw ValidationError("give --against or --against-rev, not both")
        }
        if watch, format != .text { throw ValidationError("--watch prints text; leave out --format") }
    }

    func run() throws {
        let directory = try courseOptions.locate()
        var old: Course?
        if let againstDirectory {
            old = try Self.loadOld(URL(fileURLWithPath: againstDirectory), named: againstDirectory)
        } else if let againstRevision {
            let checkout = try GitRevisionCourse(course: directory, revision: againstRevision)
            defer { checkout.remove() }
            old = try Self.loadOld(checkout.directory, named: "revision \(againstRevision)")
        }
        if watch {
            let lint = { Result { () throws(CourseError) in try lintFindings(directory, old: old) } }
            LintWatch(directory: directory, lint: lint).run()
            return
        }
        let findings: [LintFinding]
        do {
            findings = try lintFindings(directory, old: old)
        } catch {
            StandardError.print("archlab: \(error)")
            throw ExitCode(2)
        }
        print(LintReport.render(findings, format: format))
        if !findings.isEmpty { throw ExitCode(1) }
    }

    /// Every finding of one lint pass, then the changes since `old` that affect recorded progress.
    private func lintFindings(_ directory: URL, old: Course?) throws(CourseError) -> [LintFinding] {
        let result = try CourseLoader.load(directory: directory, knownScenarios: Set(ScenarioCatalog.ids))
        guard let old else { return result.findings }
        return result.findings + CourseChanges.findings(old: old, new: result.course)
    }

    /// The older course, loaded as far as its files allow (its own findings do not matter), or exit 2.
    private static func loadOld(_ directory: URL, named name: String) throws -> Course {
        do {
            return try CourseLoader.load(directory: directory).course
        } catch {
            StandardError.print("archlab: --against \(name): \(error)")
            throw ExitCode(2)
        }
    }
}
