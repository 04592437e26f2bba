import Foundation
import XCTest

/// The shell takes `archlab similar` as well as `archlab similarity` (the REPL's name and the lessons' name), and
/// its help says so.
final class SimilarAliasEndToEndTests: XCTestCase {
    func testSimilarAndSimilarityPrintTheSame() throws {
        let texts = ["What is the capital of France?", "What is the capital of Germany?", "--model", "lexical"]
        let similarity = try ArchLabRunner.run(["similarity"] + texts)
        let similar = try ArchLabRunner.run(["similar"] + texts)
        XCTAssertEqual(similarity.status, 0, similarity.stderr)
        XCTAssertEqual(similar.status, 0, similar.stderr)
        XCTAssertTrue(similar.stdout.contains("cosine similarity (lexical)"), similar.stdout)
        XCTAssertEqual(similar.stdout, similarity.stdout)
    }

    func testHelpNamesTheOtherSpelling() throws {
        let help = try ArchLabRunner.run(["similarity", "--help"])
        XCTAssertEqual(help.status, 0, help.stderr)
        let flat = help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        XCTAssertTrue(flat.contains("`similar` is the same command"), help.stdout)
    }
}
