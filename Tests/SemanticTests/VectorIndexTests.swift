import SeededRandom
import Semantic
import XCTest

final class VectorIndexTests: XCTestCase {
    private func randomVectors(_ count: Int, dimension: Int, seed: UInt64) -> [[Float]] {
        var generator = SplitMix64(seed: seed)
        return (0..<count).map { _ in
            VectorMath.normalized(
                (0..<dimension).map { _ in Float(Double(generator.next() >> 11) / Double(1 << 53)) * 2 - 1 })
        }
    }

    private func bruteForce(_ data: [[Float]], _ query: [Float], k: Int) -> [Int] {
        data.indices.map { ($0, VectorMath.dot(data[$0], query)) }.sorted { $0.1 > $1.1 }.prefix(k).map(\.0)
    }

    func testFlatTopKEqualsBruteForce() throws {
        let data = randomVectors(500, dimension: 48, seed: 1)
        var index = FlatIndex(dimension: 48)
        for (i, v) in data.enumerated() { try index.add(id: i, vector: v) }
        for query in randomVectors(20, dimension: 48, seed: 2) {
            let hits = try index.search(query, k: 5)
            XCTAssertEqual(hits.map(\.id), bruteForce(data, query, k: 5))
            XCTAssertEqual(hits[0].similarity, VectorMath.dot(data[hits[0].id], query), accuracy: 1e-5)
        }
    }

    func testFlatFloat16StorageFindsTheSameNearest() throws {
        let data = randomVectors(300, dimension: 64, seed: 3)
        var index = FlatIndex(dimension: 64, storage: .float16)
        for (i, v) in data.enumerated() { try index.add(id: i, vector: v) }
        for (i, v) in data.prefix(30).enumerated() {
            let hit = try XCTUnwrap(try index.search(v, k: 1).first)
            XCTAssertEqual(hit.id, i)
            XCTAssertEqual(hit.similarity, 1, accuracy: 2e-3)
        }
    }

    func testFlatRemoveKeepsOtherEntriesSearchable() throws {
        let data = randomVectors(50, dimension: 16, seed: 4)
        var index = FlatIndex(dimension: 16)
        for (i, v) in data.enumerated() { try index.add(id: i, vector: v) }
        index.remove(id: 7)
        index.remove(id: 49)
        XCTAssertEqual(index.count, 48)
        XCTAssertNotEqual(try index.search(data[7], k: 1).first?.id, 7)
        XCTAssertEqual(try index.search(data[10], k: 1).first?.id, 10)
        XCTAssertEqual(index.vector(id: 48), data[48])
    }

    func testWrongDimensionIsAnError() {
        var index = FlatIndex(dimension: 8)
        XCTAssertThrowsError(try index.add(id: 1, vector: [1, 2, 3]))
        XCTAssertThrowsError(try index.search([1], k: 1))
    }

    func testHNSWRecallAgainstFlat() throws {
        let data = randomVectors(2000, dimension: 32, seed: 5)
        var flat = FlatIndex(dimension: 32)
        var hnsw = HNSWIndex(dimension: 32, m: 12, efConstruction: 64, efSearch: 48, seed: 9)
        for (i, v) in data.enumerated() {
            try flat.add(id: i, vector: v)
            try hnsw.add(id: i, vector: v)
        }
        let queries = randomVectors(100, dimension: 32, seed: 6)
        var agree = 0
        for query in queries where try hnsw.search(query, k: 1).first?.id == flat.search(query, k: 1).first?.id {
            agree += 1
        }
        XCTAssertGreaterThanOrEqual(Double(agree) / Double(queries.count), 0.9, "recall@1 of HNSW vs exact search")
        for i in [0, 500, 1999] {
            XCTAssertEqual(try hnsw.search(data[i], k: 1).first?.id, i, "a stored vector finds itself")
        }
    }

    func testHNSWRemovedEntriesAreNotReturned() throws {
        let data = randomVectors(200, dimension: 16, seed: 7)
        var hnsw = HNSWIndex(dimension: 16)
        for (i, v) in data.enumerated() { try hnsw.add(id: i, vector: v) }
        hnsw.remove(id: 3)
        XCTAssertEqual(hnsw.count, 199)
        XCTAssertFalse(try hnsw.search(data[3], k: 5).contains { $0.id == 3 })
    }

    func testHNSWStaysCorrectThroughHeavyChurn() throws {
        let data = randomVectors(600, dimension: 16, seed: 8)
        var hnsw = HNSWIndex(dimension: 16, m: 8, efConstruction: 32, efSearch: 32)
        for (i, v) in data.enumerated() { try hnsw.add(id: i, vector: v) }
        for i in 0..<500 { hnsw.remove(id: i) }
        XCTAssertEqual(hnsw.count, 100)
        for i in 500..<600 {
            XCTAssertEqual(try hnsw.search(data[i], k: 1).first?.id, i)
        }
        XCTAssertTrue(try hnsw.search(data[0], k: 10).allSatisfy { $0.id >= 500 })
    }
}
