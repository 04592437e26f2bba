import Foundation
import XCTest

/// The version lives in one place (Sources/archlab/Version.swift); `archlab --version` prints it and the top
/// released section of CHANGELOG.md names it, so a release tag `vX.Y.Z` cannot disagree with either.
final class VersionEndToEndTests: XCTestCase {
    func testVersionMatchesTheSourceAndTheChangelog() throws {
        let root = ArchLabRunner.packageRoot
        let versionFile = root.appendingPathComponent("Sources/archlab/Version.swift")
        let source = try String(contentsOf: versionFile, encoding: .utf8)
        let declared = try XCTUnwrap(
            firstCapture(#"static let current = "([^"]+)""#, in: source), "no version in Sources/archlab/Version.swift")
        XCTAssertNotNil(firstCapture(#"^(\d+\.\d+\.\d+)$"#, in: declared), "\(declared) is not X.Y.Z")

        let changelog = try String(contentsOf: root.appendingPathComponent("CHANGELOG.md"), encoding: .utf8)
        let headings = changelog.split(separator: "\n").filter { $0.hasPrefix("## [") }
        XCTAssertEqual(headings.first, "## [Unreleased]", "CHANGELOG.md does not start with an Unreleased section")
        let released = try XCTUnwrap(
            firstCapture(#"(?m)^## \[(\d+\.\d+\.\d+)\] - \d{4}-\d{2}-\d{2}$"#, in: changelog),
            "no released version (`## [X.Y.Z] - YYYY-MM-DD`) in CHANGELOG.md")

        let output = try ArchLabRunner.run(["--version"])
        XCTAssertEqual(output.status, 0, output.stderr)
        XCTAssertEqual(output.stdout, declared + "\n")
        XCTAssertEqual(released, declared, "CHANGELOG.md's top release is not the version archlab prints")
    }

    private func firstCapture(_ pattern: String, in text: String) -> String? {
        guard let regex = try? NSRegularExpression(pattern: pattern),
            let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
            let range = Range(match.range(at: 1), in: text)
        else { return nil }
        return String(text[range])
    }
}
