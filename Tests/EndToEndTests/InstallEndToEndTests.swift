import Foundation
import TestSupport
import XCTest

/// Installing ArchLab as the README says: the shell completion scripts, and `make install` into a prefix whose
/// binary finds the course installed beside it when run outside the checkout.
final class InstallEndToEndTests: ScratchDirectoryTestCase {
    override class var scratchPrefix: String { "e2e-install" }

    func testCompletionScriptsCoverTheSubcommands() throws {
        for shell in ["bash", "zsh", "fish"] {
            let output = try ArchLabRunner.run(["--generate-completion-script", shell])
            XCTAssertEqual(output.status, 0, "\(shell): \(output.stderr)")
            XCTAssertFalse(output.stdout.isEmpty, shell)
            for subcommand in ["lint", "grade", "answers", "redis-server", "serve"] {
                XCTAssertTrue(output.stdout.contains(subcommand), "\(shell) completion lacks `\(subcommand)`")
            }
            let script = scratch.appendingPathComponent("archlab.\(shell)")
            try output.stdout.write(to: script, atomically: true, encoding: .utf8)
            // Each shell that is installed parses its script without running it; bash is required.
            let interpreter: String? =
                shell == "bash"
                ? try requireExecutable("bash", "bash is not installed")
                : findExecutable(shell)
            guard let interpreter else { continue }
            let check = try ProcessCapture.run(URL(fileURLWithPath: interpreter), ["-n", script.path])
            XCTAssertEqual(check.status, 0, "\(shell) -n: \(check.stderr)")
        }
    }

    func testMakeInstallPutsACourseTheInstalledBinaryFindsOutsideTheCheckout() throws {
        let make = try requireExecutable("make", "make is not installed (apt-get install make)")
        let built = try ArchLabRunner.binary
        let root = ArchLabRunner.packageRoot
        let prefix = scratch.appendingPathComponent("prefix")
        let installed = prefix.appendingPathComponent("bin/archlab")
        let install = try ProcessCapture.run(
            URL(fileURLWithPath: make),
            ["-C", root.path, "install", "PREFIX=\(prefix.path)", "ARCHLAB_BIN=\(built.path)"])
        XCTAssertEqual(install.status, 0, install.stdout + install.stderr)
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: installed.path))
        let completions = [
            "share/bash-completion/completions/archlab", "share/zsh/site-functions/_archlab",
            "share/fish/vendor_completions.d/archlab.fish",
        ]
        for path in completions {
            let text = try String(contentsOf: prefix.appendingPathComponent(path), encoding: .utf8)
            XCTAssertTrue(text.contains("lint") && text.contains("grade"), "\(path) is not archlab's completion script")
        }
        let course = prefix.appendingPathComponent("share/archlab/course")
        XCTAssertEqual(
            try lessonFiles(in: course), try lessonFiles(in: root), "the installed course lacks lessons")

        // A folder outside the checkout, no ARCHLAB_COURSE: the uninstalled binary finds no course there and says
        // where it looked; the installed one finds the course installed beside it.
        let elsewhere = scratch.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        let uninstalled = try run(built, ["lint"], in: elsewhere)
        XCTAssertEqual(uninstalled.status, 2, uninstalled.stdout)
        XCTAssertTrue(uninstalled.stderr.contains("no course found"), uninstalled.stderr)
        XCTAssertTrue(uninstalled.stderr.contains("share/archlab/course"), uninstalled.stderr)
        let lint = try run(installed, ["lint"], in: elsewhere)
        XCTAssertEqual(lint.status, 0, lint.stdout + lint.stderr)
        XCTAssertEqual(lint.stdout, "lint: no findings\n")
        let fromInstalled = try run(installed, ["answers", "template"], in: elsewhere)
        let fromCheckout = try run(built, ["answers", "template", "--course", root.path], in: elsewhere)
        XCTAssertEqual(fromInstalled.status, 0, fromInstalled.stderr)
        XCTAssertEqual(fromInstalled.stdout, fromCheckout.stdout)

        let uninstall = try ProcessCapture.run(
            URL(fileURLWithPath: make), ["-C", root.path, "uninstall", "PREFIX=\(prefix.path)"])
        XCTAssertEqual(uninstall.status, 0, uninstall.stdout + uninstall.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: installed.path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: course.path))
    }

    /// Runs `executable` in `directory` with the test's environment minus ARCHLAB_COURSE.
    private func run(_ executable: URL, _ arguments: [String], in directory: URL) throws -> ProcessOutput {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["ARCHLAB_COURSE"] = nil
        process.environment = environment
        process.currentDirectoryURL = directory
        return try ProcessCapture.run(process)
    }

    private func lessonFiles(in course: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: course.appendingPathComponent("Lessons").path).sorted()
    }
}
