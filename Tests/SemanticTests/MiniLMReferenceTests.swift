import Foundation
import Semantic
import XCTest

/// Differential tests against the numpy reference (`minilm-reference.json`).
final class MiniLMReferenceTests: XCTestCase {
    func testTokenIDsMatchReferenceExactly() throws {
        let model = try Fixture.miniLM()
        let vectors = try XCTUnwrap(try Fixture.json("minilm-reference")["vectors"] as? [String: [String: Any]])
        XCTAssertEqual(vectors.count, 19)
        for (sentence, reference) in vectors {
            let ids = ((reference["ids"] as? [NSNumber]) ?? []).map { $0.int32Value }
            let tokens = (reference["tokens"] as? [String]) ?? []
            let encoding = model.tokenizer.encode(sentence)
            XCTAssertEqual(encoding.ids, ids, "token ids of \(sentence.prefix(60))")
            XCTAssertEqual(encoding.tokens, tokens, "tokens of \(sentence.prefix(60))")
        }
    }

    func testEmbeddingsMatchReferenceWithin1e5() throws {
        let model = try Fixture.miniLM()
        let vectors = try XCTUnwrap(try Fixture.json("minilm-reference")["vectors"] as? [String: [String: Any]])
        for (sentence, reference) in vectors {
            let expected = Fixture.floats(reference["embedding"])
            let ours = try model.embed(sentence)
            XCTAssertEqual(ours.count, 384)
            let worst = zip(ours, expected).map { abs($0 - $1) }.max() ?? .infinity
            XCTAssertLessThanOrEqual(worst, 1e-5, "max component difference for \(sentence.prefix(60))")
        }
    }

    func testPairCosinesMatchReference() throws {
        let model = try Fixture.miniLM()
        let reference = try Fixture.json("minilm-reference")
        let pairs = try XCTUnwrap(reference["pairs"] as? [[String: Any]])
        for pair in pairs {
            let a = try XCTUnwrap(pair["a"] as? String)
            let b = try XCTUnwrap(pair["b"] as? String)
            let expected = try XCTUnwrap((pair["cosine"] as? NSNumber)?.floatValue)
            XCTAssertEqual(try model.similarity(a, b), expected, accuracy: 1e-5, "\(a) <> \(b)")
        }
        let published = try XCTUnwrap(reference["st_published_example"] as? [String: [String: NSNumber]])
        for (key, values) in published {
            let parts = key.components(separatedBy: " <> ")
            let expected = try XCTUnwrap(values["expected"]?.floatValue)
            XCTAssertEqual(try model.similarity(parts[0], parts[1]), expected, accuracy: 1e-4, key)
        }
    }

    func testLongInputIsTruncatedTo256Tokens() throws {
        let model = try Fixture.miniLM()
        let text = Array(repeating: "The quick brown fox jumps over the lazy dog.", count: 40).joined(separator: " ")
        let encoding = model.tokenizer.encode(text)
        XCTAssertEqual(encoding.ids.count, 256)
        XCTAssertEqual(encoding.tokens.first, "[CLS]")
        XCTAssertEqual(encoding.tokens.last, "[SEP]")
    }
}
