import Foundation
import XCTest

/// `archlab serve --max-connections`: listed in the help with its default, and refused below 1.
final class ServeConnectionFlagsEndToEndTests: XCTestCase {
    func testMaxConnectionsIsDocumentedAndValidated() throws {
        let help = try ArchLabRunner.run(["serve", "--help"])
        XCTAssertEqual(help.status, 0)
        XCTAssertTrue(help.stdout.contains("--max-connections"), help.stdout)
        XCTAssertTrue(help.stdout.contains("default: 1024"), help.stdout)
        XCTAssertFalse(help.stdout.contains("--header-timeout"), "the timeouts are hidden test knobs")
        let refused = try ArchLabRunner.run(["serve", "--max-connections", "0"])
        XCTAssertEqual(refused.status, 64)
        XCTAssertTrue(refused.stderr.contains("--max-connections must be at least 1"), refused.stderr)
    }
}
