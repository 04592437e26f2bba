import Clocks
import SeededRandom
import XCTest

@testable import Semantic

/// The sparse index must answer exactly like the flat scan: same ids in the same order (ties included),
/// bit-identical cosines, through adds, replacements and removals.
final class SparseIndexTests: XCTestCase {
    private func unit(_ generator: inout SplitMix64) -> Float {
        Float(Double(generator.next() >> 11) / Double(1 << 53))
    }

    /// Unit vectors with `nonZero` random signed components each (dense when `nonZero` is the dimension).
    private func randomVectors(_ count: Int, dimension: Int, nonZero: ClosedRange<Int>, seed: UInt64) -> [[Float]] {
        var generator = SplitMix64(seed: seed)
        return (0..<count).map { _ in
            var vector = [Float](repeating: 0, count: dimension)
            let span = UInt64(nonZero.upperBound - nonZero.lowerBound + 1)
            let wanted = nonZero.lowerBound + Int(generator.next() % span)
            for _ in 0..<wanted { vector[Int(generator.next() % UInt64(dimension))] = unit(&generator) * 2 - 1 }
            return VectorMath.normalized(vector)
        }
    }

    private func assertSameHits(
        _ flat: FlatIndex, _ sparse: SparseIndex, _ query: [Float], k: Int,
        file: StaticString = #filePath, line: UInt = #line
    ) throws {
        let expected = try flat.search(query, k: k)
        let actual = try sparse.search(query, k: k)
        XCTAssertEqual(actual.map(\.id), expected.map(\.id), file: file, line: line)
        XCTAssertEqual(
            actual.map(\.similarity.bitPattern), expected.map(\.similarity.bitPattern), file: file, line: line)
    }

    private func assertAgreement(dimension: Int, nonZero: ClosedRange<Int>, seed: UInt64) throws {
        let data = randomVectors(600, dimension: dimension, nonZero: nonZero, seed: seed)
        var flat = FlatIndex(dimension: dimension)
        var sparse = SparseIndex(dimension: dimension)
        for (i, v) in data.enumerated() {
            try flat.add(id: i, vector: v)
            try sparse.add(id: i, vector: v)
        }
        XCTAssertEqual(sparse.count, flat.count)
        for query in randomVectors(40, dimension: dimension, nonZero: nonZero, seed: seed + 1) + data.prefix(20) {
            try assertSameHits(flat, sparse, query, k: 5)
            try assertSameHits(flat, sparse, query, k: 1)
        }
    }

    func testSparseVectorsGiveTheFlatIndexHits() throws {
        try assertAgreement(dimension: 256, nonZero: 3...30, seed: 11)
    }

    func testDenseVectorsGiveTheFlatIndexHits() throws {
        try assertAgreement(dimension: 48, nonZero: 48...48, seed: 12)
    }

    func testTiesAndUnrelatedEntriesAreOrderedAsInAFlatScan() throws {
        var flat = FlatIndex(dimension: 8)
        var sparse = SparseIndex(dimension: 8)
        let vectors: [[Float]] = [
            [1, 0, 0, 0, 0, 0, 0, 0], [0, 1, 0, 0, 0, 0, 0, 0], [1, 0, 0, 0, 0, 0, 0, 0],
            [0, 0, -1, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0], [0, 1, 0, 0, 0, 0, 0, 0],
        ]
        for (i, v) in vectors.enumerated() {
            try flat.add(id: i, vector: v)
            try sparse.add(id: i, vector: v)
        }
        flat.remove(id: 1)
        sparse.remove(id: 1)
        for query: [Float] in [
            [1, 0, 0, 0, 0, 0, 0, 0], [0, 0, 1, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 1],
            [0, 0, 0, 0, 0, 0, 0, 0], [0.6, 0.8, 0, 0, 0, 0, 0, 0],
        ] {
            for k in 1...6 { try assertSameHits(flat, sparse, query, k: k) }
        }
    }

    func testHeavyChurnKeepsAgreeingWithFlat() throws {
        let dimension = 128
        let pool = randomVectors(400, dimension: dimension, nonZero: 2...20, seed: 21)
        let queries = randomVectors(8, dimension: dimension, nonZero: 2...20, seed: 22)
        var flat = FlatIndex(dimension: dimension)
        var sparse = SparseIndex(dimension: dimension)
        var generator = SplitMix64(seed: 23)
        for step in 0..<6000 {
            let id = Int(generator.next() % 300)
            if generator.next() % 3 == 0 {
                flat.remove(id: id)
                sparse.remove(id: id)
            } else {
                let vector = pool[Int(generator.next() % UInt64(pool.count))]
                try flat.add(id: id, vector: vector)
                try sparse.add(id: id, vector: vector)
            }
            XCTAssertEqual(sparse.count, flat.count)
            if step % 97 == 0 {
                for query in queries + [pool[step % pool.count]] { try assertSameHits(flat, sparse, query, k: 3) }
            }
        }
        for id in 0..<300 where id % 2 == 0 {
            flat.remove(id: id)
            sparse.remove(id: id)
        }
        for query in queries { try assertSameHits(flat, sparse, query, k: 10) }
    }

    func testEverySizeAgreesWithFlatBelowAndAcrossThePostingsThreshold() throws {
        let dimension = 64
        let pool = randomVectors(SparseIndex.postingsFrom + 12, dimension: dimension, nonZero: 1...12, seed: 31)
        let queries = randomVectors(6, dimension: dimension, nonZero: 1...12, seed: 32)
        var flat = FlatIndex(dimension: dimension)
        var sparse = SparseIndex(dimension: dimension)
        for (id, vector) in pool.enumerated() {
            try flat.add(id: id, vector: vector)
            try sparse.add(id: id, vector: vector)
            if id % 5 == 4 {
                flat.remove(id: id - 2)
                sparse.remove(id: id - 2)
            }
            for query in queries + [vector] { try assertSameHits(flat, sparse, query, k: 3) }
        }
    }

    func testLexicalEmbeddingsGiveTheFlatIndexHits() throws {
        let embedder = LexicalEmbedder()
        let topics = ["rate limiting", "token bucket", "semantic cache", "HTTP 429", "Redis TTL", "cosine similarity"]
        let forms = [
            "What is %@?", "Explain %@ simply.", "how does %@ work", "What is %@", "Give an example of %@ in Swift.",
        ]
        var flat = FlatIndex(dimension: embedder.dimension)
        var sparse = SparseIndex(dimension: embedder.dimension)
        var fromComponents = SparseIndex(dimension: embedder.dimension)
        var id = 0
        for topic in topics {
            for form in forms {
                let vector = try embedder.embed(form.replacingOccurrences(of: "%@", with: topic))
                try flat.add(id: id, vector: vector)
                try sparse.add(id: id, vector: vector)
                try fromComponents.add(
                    id: id, sparse: try embedder.sparseEmbedding(form.replacingOccurrences(of: "%@", with: topic)))
                id += 1
            }
        }
        for probe in ["what is a token bucket", "explain redis ttl", "tell me about 429", "zebra", ""] {
            try assertSameHits(flat, sparse, try embedder.embed(probe), k: 4)
            try assertSameHits(flat, fromComponents, try embedder.embed(probe), k: 4)
        }
    }

    func testASemanticCacheAnswersTheSameWithSparseAsWithFlatThroughEvictionAndExpiry() throws {
        let clock = ManualClock()
        let caches = [SemanticCacheConfiguration.IndexKind.flat(.float32), .sparse].map { kind in
            SemanticCache(
                embedder: LexicalEmbedder(),
                configuration: SemanticCacheConfiguration(threshold: 0.6, ttl: 50, maxEntries: 25, index: kind),
                clock: clock)
        }
        let partition = CachePartition(tenant: "acme", model: "gpt-x")
        // A small vocabulary: many stored prompts are exactly as similar to a query, and the tie
        // must go to the same entry as in a flat scan.
        let words = [
            "rate", "limit", "token", "bucket", "cache", "redis", "ttl", "swift", "http", "retry", "window", "cost",
        ]
        var generator = SplitMix64(seed: 31)
        for step in 0..<800 {
            let prompt = (0..<(2 + Int(generator.next() % 3))).map { _ in
                words[Int(generator.next() % UInt64(words.count))]
            }
            .joined(separator: " ")
            let results = try caches.map { try $0.lookup(prompt, in: partition) }
            XCTAssertEqual(results[1].outcome, results[0].outcome, "step \(step): \(prompt)")
            XCTAssertEqual(results[1].response, results[0].response, "step \(step): \(prompt)")
            XCTAssertEqual(results[1].nearestPrompt, results[0].nearestPrompt, "step \(step): \(prompt)")
            XCTAssertEqual(results[1].nearestSimilarity, results[0].nearestSimilarity)
            if !results[0].isHit {
                for cache in caches { try cache.store(prompt, response: "answer \(step)", in: partition) }
            }
            clock.advance(milliseconds: 1_000)
        }
        XCTAssertEqual(caches[1].stats, caches[0].stats)
        XCTAssertGreaterThan(caches[0].stats.evictions + caches[0].stats.expirations, 100)
        XCTAssertGreaterThan(caches[0].stats.semanticHits, 20)
    }

    func testWrongDimensionAndEmptyIndex() throws {
        var sparse = SparseIndex(dimension: 8)
        XCTAssertThrowsError(try sparse.add(id: 1, vector: [1, 2, 3]))
        XCTAssertThrowsError(try sparse.search([1], k: 1))
        XCTAssertEqual(try sparse.search([Float](repeating: 0, count: 8), k: 3), [])
    }

    func testOnlyTheLexicalEmbedderPicksTheSparseIndex() {
        XCTAssertEqual(SemanticCacheConfiguration.IndexKind.suited(to: LexicalEmbedder()), .sparse)
        XCTAssertFalse(HashingTestEmbedder().vectorsAreSparse)
        XCTAssertEqual(SemanticCacheConfiguration.IndexKind.suited(to: HashingTestEmbedder()), .flat(.float32))
    }
}

/// An embedder that keeps the protocol's default (dense vectors).
private struct HashingTestEmbedder: Embedder {
    let name = "dense"
    let dimension = 4
    func tokens(for text: String) -> [String] { [text] }
    func embed(_ text: String) throws -> [Float] { [0.5, 0.5, 0.5, 0.5] }
}
