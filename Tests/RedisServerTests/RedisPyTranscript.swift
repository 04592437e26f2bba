import Foundation
import TestSupport
import XCTest

/// A redis-py installed with `pip install --target` (ARCHLAB_REDISPY5/8, or .build/redis-py5/8), and
/// the comparison every redis-py test makes: a fixture script's transcript against `archlab
/// redis-server` must match, line for line, its transcript against a real redis-server.
struct RedisPy {
    let python: String
    let directory: String

    /// Skips (or fails under ARCHLAB_REQUIRE_ALL) when python3 or this redis-py is missing.
    init(_ directoryVariable: String, _ directoryName: String) throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let directory =
            ProcessInfo.processInfo.environment[directoryVariable]
            ?? root.appendingPathComponent(".build/\(directoryName)").path
        let python = findExecutable("python3")
        try requireTool(
            python != nil && FileManager.default.fileExists(atPath: directory + "/redis"),
            "redis-py is not installed in \(directory) (pip install --target \(directory) …)"
        )
        self.python = python ?? ""
        self.directory = directory
    }

    /// Runs `Fixtures/<fixture>` against both ports and compares the transcripts; the real one must
    /// have more than `atLeast` lines, so an empty script cannot pass.
    func compareTranscripts(
        _ fixture: String, ours: Int, theirs: Int, protocolVersion: Int, atLeast: Int,
        file: StaticString = #filePath, line: UInt = #line
    ) throws {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/\(fixture)").path
        let environment = ["PYTHONPATH": directory]
        let mine = try ProcessCapture.run(
            URL(fileURLWithPath: python), [script, String(ours), String(protocolVersion)],
            environment: environment, timeout: 60)
        let real = try ProcessCapture.run(
            URL(fileURLWithPath: python), [script, String(theirs), String(protocolVersion)],
            environment: environment, timeout: 60)
        XCTAssertFalse(mine.timedOut, "redis-py hung against archlab:\n\(mine.stdout)", file: file, line: line)
        XCTAssertEqual(mine.status, 0, mine.stderr, file: file, line: line)
        XCTAssertEqual(real.status, 0, real.stderr, file: file, line: line)
        let mineLines = mine.stdout.split(separator: "\n")
        let realLines = real.stdout.split(separator: "\n")
        XCTAssertGreaterThan(realLines.count, atLeast, file: file, line: line)
        for (a, b) in zip(mineLines, realLines) { XCTAssertEqual(a, b, file: file, line: line) }
        XCTAssertEqual(mineLines.count, realLines.count, file: file, line: line)
    }
}
