import Foundation
import Semantic
import XCTest

final class LexicalEmbedderTests: XCTestCase {
    func testFNVMatchesReferenceValues() throws {
        let checks = try XCTUnwrap(try Fixture.json("lexical-reference")["fnv1a64_checks"] as? [String: String])
        XCTAssertEqual(checks.count, 4)
        for (input, expected) in checks {
            XCTAssertEqual(String(FNV1a64.hash(input), radix: 16).leftPadded16, expected, "FNV-1a 64 of \"\(input)\"")
        }
    }

    func testProbeFeaturesMatchReference() throws {
        let reference = try Fixture.json("lexical-reference")
        let probe = try XCTUnwrap(reference["probe"] as? String)
        let features = try XCTUnwrap(reference["probe_features"] as? [String: [String]])
        let ours = LexicalFeatures(text: probe)
        XCTAssertEqual(ours.words, features["w"])
        XCTAssertEqual(ours.bigrams, features["b"])
        XCTAssertEqual(ours.trigrams, features["c"])
    }

    func testProbeVectorMatchesReference() throws {
        let reference = try Fixture.json("lexical-reference")
        let probe = try XCTUnwrap(reference["probe"] as? String)
        let nonzero = try XCTUnwrap(reference["probe_vector_dim1024_nonzero"] as? [String: NSNumber])
        let vector = try LexicalEmbedder().embed(probe)
        XCTAssertEqual(vector.count, 1024)
        for (index, value) in vector.enumerated() {
            let expected = nonzero[String(index)]?.floatValue ?? 0
            XCTAssertEqual(value, expected, accuracy: 1e-7, "component \(index)")
        }
    }

    func testPairCosinesMatchReference() throws {
        let pairs = try XCTUnwrap(try Fixture.json("lexical-reference")["pairs"] as? [[String: Any]])
        XCTAssertFalse(pairs.isEmpty)
        for pair in pairs {
            let a = try XCTUnwrap(pair["a"] as? String)
            let b = try XCTUnwrap(pair["b"] as? String)
            for (key, dimension) in [("hash1024", 1024), ("hash4096", 4096)] {
                let expected = try XCTUnwrap((pair[key] as? NSNumber)?.floatValue)
                let ours = try LexicalEmbedder(dimension: dimension).similarity(a, b)
                XCTAssertEqual(ours, expected, accuracy: 5e-5, "\(key): \(a) <> \(b)")
            }
        }
    }

    func testAccentsCaseAndPunctuationDoNotMatter() throws {
        let embedder = LexicalEmbedder()
        XCTAssertEqual(LexicalFeatures.words(in: "Crème BRÛLÉE, s'il-vous"), ["creme", "brulee", "s", "il", "vous"])
        XCTAssertEqual(try embedder.similarity("Café au lait!", "cafe AU LAIT"), 1, accuracy: 1e-6)
        XCTAssertEqual(try embedder.embed("?!").allSatisfy { $0 == 0 }, true)
    }
}

extension String {
    fileprivate var leftPadded16: String { String(repeating: "0", count: max(0, 16 - count)) + self }
}
