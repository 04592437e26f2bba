import Foundation
import Semantic
import Synchronization
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

/// The embedder hashes features byte by byte; it must give bit for bit the vector that hashing the
/// feature strings of `LexicalFeatures` gives (the reference algorithm, restated here).
final class LexicalEmbedderBitExactTests: XCTestCase {
    private func referenceEmbed(_ text: String, dimension: Int) -> [Float] {
        let features = LexicalFeatures(text: text)
        var combined = [Double](repeating: 0, count: dimension)
        for (group, weight) in [(features.words, 1.0), (features.bigrams, 0.5), (features.trigrams, 1.0)]
        where !group.isEmpty {
            var counts: [Int: Double] = [:]
            for feature in group {
                let h = FNV1a64.hash(feature)
                counts[Int(h % UInt64(dimension)), default: 0] += (h >> 63) == 0 ? 1 : -1
            }
            let length = counts.values.reduce(0) { $0 + $1 * $1 }.squareRoot()
            guard length > 0 else { continue }
            for (index, value) in counts { combined[index] += weight * value / length }
        }
        let length = combined.reduce(0) { $0 + $1 * $1 }.squareRoot()
        guard length > 0 else { return [Float](repeating: 0, count: dimension) }
        return combined.map { Float($0 / length) }
    }

    func testEmbeddingIsBitIdenticalToHashingFeatureStrings() throws {
        let texts = [
            "", "   ", "!!!", "a", "What is a token bucket?", "Café crème brûlée, naïve façade",
            "Straße ΣΊΣΥΦΟΣ москва 東京 2024 ½ ⅷ", "rate rate rate limit limit", "x y z x y z x y z",
            "Explain the difference between fixed-window and sliding-window rate limiting in Redis.",
            "emoji 🙂 and tabs\tand\nnewlines", "İstanbul ǅemal ﬁne",
        ]
        for dimension in [1024, 4096, 7] {
            let embedder = LexicalEmbedder(dimension: dimension)
            for text in texts {
                let ours = try embedder.embed(text)
                let reference = referenceEmbed(text, dimension: dimension)
                XCTAssertEqual(ours.map(\.bitPattern), reference.map(\.bitPattern), "\(dimension): \(text)")
            }
        }
    }

    func testThreadsEmbeddingAtOnceGetTheVectorsOfOneThread() throws {
        let embedder = LexicalEmbedder()
        let texts = (0..<400).map {
            "Question \($0 % 37) about order #\($0 * 7919 % 100_000), caf\u{E9} \($0 % 3 == 0 ? "東京" : "tokyo")"
        }
        let expected = try texts.map { try embedder.embed($0).map(\.bitPattern) }
        let results = Mutex<[Int: [UInt32]]>([:])
        DispatchQueue.concurrentPerform(iterations: 4) { lane in
            for index in stride(from: lane, to: texts.count, by: 4) {
                let vector = (try? embedder.sparseEmbedding(texts[index]).dense) ?? []
                results.withLock { $0[index] = vector.map(\.bitPattern) }
            }
        }
        for index in texts.indices {
            XCTAssertEqual(results.withLock { $0[index] }, expected[index], texts[index])
        }
    }

    func testRandomTextsEmbedBitIdenticallyOnTheASCIIAndUnicodePaths() throws {
        let pieces = [
            "a", "Z", "Reset", "PASSWORD?", "42", "#8312", " ", "  ", "\t", "\n", "-", "'", "é", "E\u{301}", "ß", "東京",
            "🙂", "x9",
        ]
        var state: UInt64 = 21
        func below(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        for dimension in [1024, 61] {
            let embedder = LexicalEmbedder(dimension: dimension)
            for _ in 0..<1_500 {
                let text = (0..<below(16)).map { _ in pieces[below(pieces.count)] }.joined()
                let ours = try embedder.embed(text)
                XCTAssertEqual(
                    ours.map(\.bitPattern), referenceEmbed(text, dimension: dimension).map(\.bitPattern), text)
                let sparse = try embedder.sparseEmbedding(text)
                XCTAssertEqual(sparse, SparseVector(ours), text)
                XCTAssertEqual(sparse.dense.map(\.bitPattern), ours.map(\.bitPattern), text)
            }
        }
    }
}
