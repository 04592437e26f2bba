import ArgumentParser
import Foundation

/// The course as it was at a git revision (`lint --against-rev REV`): `git archive` of the course folder's tree at
/// REV, unpacked into a temporary folder that ``remove()`` deletes.
struct GitRevisionCourse {
    let directory: URL
    private let scratch: URL

    /// Extracts the course folder `course` (inside a git work tree) as it was at `revision`, or exits 2 saying why.
    init(course: URL, revision: String) throws {
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("archlab-against-\(UUID().uuidString)")
        directory = scratch.appendingPathComponent("course")
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw Self.fail("cannot create a temporary folder: \(error.localizedDescription)")
        }
        let prefix = try Self.run(
            ["git", "-C", course.path, "rev-parse", "--show-prefix"], what: "find the git work tree"
        )
        .trimmingCharacters(in: .whitespacesAndNewlines)
        let top = try Self.run(
            ["git", "-C", course.path, "rev-parse", "--show-toplevel"], what: "find the git work tree"
        )
        .trimmingCharacters(in: .whitespacesAndNewlines)
        let tree = prefix.isEmpty ? revision : revision + ":" + prefix
        let archive = scratch.appendingPathComponent("course.tar").path
        do {
            // From the top of the work tree: in a subfolder, git archive would keep only that subfolder's paths.
            _ = try Self.run(
                ["git", "-C", top, "archive", "--format=tar", "--output=" + archive, tree],
                what: "read revision `\(revision)`")
            _ = try Self.run(["tar", "-xf", archive, "-C", directory.path], what: "unpack revision `\(revision)`")
        } catch {
            remove()
            throw error
        }
    }

    func remove() {
        try? FileManager.default.removeItem(at: scratch)
    }

    private static func run(_ arguments: [String], what: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw fail("cannot run \(arguments[0]) to \(what): \(error.localizedDescription)")
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let detail = String(decoding: message, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            let reason = detail.isEmpty ? "\(arguments[0]) exited with \(process.terminationStatus)" : detail
            throw fail("cannot \(what): \(reason)")
        }
        return String(decoding: data, as: UTF8.self)
    }

    private static func fail(_ message: String) -> ExitCode {
        StandardError.print("archlab: \(message)")
        return ExitCode(2)
    }
}
