import Foundation
import XCTest

/// `archlab run semantic-cache` ends its numbers with the side-by-side lesson 3 reads: the exact
/// cache alone, the semantic cache at the run's threshold, and at a low one, on the same traffic.
final class SemanticSideBySideEndToEndTests: XCTestCase {
    private let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
        "side-by-side-\(UUID().uuidString)")

    override func setUpWithError() throws {
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: scratch)
    }

    func testTheReportShowsExactOnlyNextToTheChosenAndALowThreshold() throws {
        let output = try ArchLabRunner.run(
            ["run", "semantic-cache", "--model", "lexical", "--no-record"], in: scratch)
        XCTAssertEqual(output.status, 0, output.stderr)
        let lines = output.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let start = try XCTUnwrap(lines.firstIndex(of: "Side by side: the same traffic and seed"), output.stdout)
        let table = Array(lines[(start + 1)...(start + 4)])
        XCTAssertTrue(table[0].contains("semantic hits") && table[0].contains("wrong answers"), table[0])
        XCTAssertTrue(table[1].hasPrefix("  exact cache only"), table[1])
        XCTAssertTrue(table[2].hasPrefix("  exact + semantic at 0.95"), table[2])
        XCTAssertTrue(table[2].hasSuffix("← this run"), table[2])
        XCTAssertTrue(table[3].hasPrefix("  exact + semantic at 0.80"), table[3])
        for line in table { XCTAssertLessThanOrEqual(line.count, 80, line) }
    }
}
