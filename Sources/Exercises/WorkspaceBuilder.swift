import Foundation

/// The result of `swift build` in a workspace.
public struct BuildOutcome: Sendable {
    public let succeeded: Bool
    /// Compiler errors, the learner's files first, each `path:line:col: error: message` with its source excerpt.
    public let errors: [String]
    /// The whole build log (shown with `--verbose`).
    public let log: String
}

/// Builds a workspace with the `swift` found on PATH.
public enum WorkspaceBuilder {
    /// The `swift` executable on PATH, or nil.
    public static func swiftExecutable(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL? {
        let path = environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent("swift")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    /// Runs `swift build` in the workspace and collects its errors.
    public static func build(_ workspace: Workspace) throws(ExerciseError) -> BuildOutcome {
        guard let swift = swiftExecutable() else { throw .noSwift }
        let sources = learnerSources(workspace)
        let record = workspace.root.appendingPathComponent(".archlab/built-sources")
        if let built = try? String(contentsOf: record, encoding: .utf8), built != sources.fingerprint {
            // The learner's files changed since the last build. An incremental build judges by modification times,
            // and a file rewritten within moments of a build (by a test, a script, a fast editor) has been seen to
            // keep its old object code; without its object file the compiler must compile the file again.
            let objects = workspace.root.appendingPathComponent(".build/debug/ServerSwift.build")
            for name in sources.names {
                try? FileManager.default.removeItem(at: objects.appendingPathComponent(name + ".o"))
            }
        }
        let process = Process()
        process.executableURL = swift
        process.arguments = ["build", "--package-path", workspace.root.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw .io(swift.path, "cannot run: \(error.localizedDescription)")
        }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let log = String(decoding: data, as: UTF8.self)
        let succeeded = process.terminationReason == .exit && process.terminationStatus == 0
        if succeeded { try? Data(sources.fingerprint.utf8).write(to: record) }
        return BuildOutcome(succeeded: succeeded, errors: errors(in: log, root: workspace.root.path), log: log)
    }

    /// Error diagnostics with their excerpts, paths made relative to the workspace, duplicates dropped,
    /// the learner's (`Sources/ServerSwift/`) first.
    static func errors(in log: String, root: String) -> [String] {
        let lines = log.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var found: [String] = []
        var index = 0
        while index < lines.count {
            let line = lines[index]
            index += 1
            guard line.contains(": error: "), line.contains(".swift:") else { continue }
            var text = line.hasPrefix(root + "/") ? String(line.dropFirst(root.count + 1)) : line
            while index < lines.count, isExcerpt(lines[index]) {
                text += "\n" + lines[index]
                index += 1
            }
            if !found.contains(text) { found.append(text) }
        }
        let learner = found.filter { $0.hasPrefix(Workspace.learnerFolder + "/") }
        return learner + found.filter { !$0.hasPrefix(Workspace.learnerFolder + "/") }
    }

    /// A line of the compiler's source excerpt: `12 |     code`, `   |     ` - error: …`.
    private static func isExcerpt(_ line: String) -> Bool {
        let trimmed = line.drop { $0 == " " || $0.isNumber }
        return trimmed.hasPrefix("|") && !line.isEmpty
    }
}

extension WorkspaceBuilder {
    /// The Swift files of `Sources/ServerSwift` in name order, and a fingerprint of their contents.
    static func learnerSources(_ workspace: Workspace) -> (names: [String], fingerprint: String) {
        let folder = workspace.root.appendingPathComponent("Sources/ServerSwift")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasSuffix(".swift") }.sorted()
        let fingerprint = names.map { name in
            name + " " + Workspace.sha256((try? Data(contentsOf: folder.appendingPathComponent(name))) ?? Data())
        }.joined(separator: "\n")
        return (names, fingerprint)
    }
}
