import LabCommands
import REPL
import XCTest

/// Lesson 3 writes `archlab similarity`, the REPL's command is `similar`: both names work in the REPL, and its help
/// says so.
final class SimilarAliasTests: XCTestCase {
    func testSimilarityRunsTheSameCommandAsSimilar() async throws {
        let harness = try LabHarness()
        let (session, output) = try harness.session()
        let pair = "\"What is the capital of France?\" \"What is the capital of Germany?\""
        let similar = await harness.run(session, output, "similar \(pair)")
        let similarity = await harness.run(session, output, "similarity \(pair)")
        XCTAssertEqual(similar.result, .succeeded, similar.text)
        XCTAssertEqual(similarity.result, .succeeded, similarity.text)
        XCTAssertTrue(similarity.text.contains("cosine similarity (lexical)"), similarity.text)
        XCTAssertEqual(similarity.text, similar.text)
    }

    func testHelpNamesBothSpellings() async throws {
        let harness = try LabHarness()
        let (session, output) = try harness.session()
        for name in ["similar", "similarity"] {
            let help = await harness.run(session, output, "help \(name)")
            XCTAssertEqual(help.result, .succeeded, help.text)
            XCTAssertTrue(help.text.contains("Also: similarity"), help.text)
        }
    }
}
