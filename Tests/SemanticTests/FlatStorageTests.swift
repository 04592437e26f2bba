import SeededRandom
import Semantic
import XCTest

/// The flat index's own row storage (aligned, on huge pages past 2 MiB): big enough to cross that
/// threshold while growing, then churned by removals and replacements, it must give exactly the hits a
/// plain scan over the rows in storage order gives, ties included, in both storages.
final class FlatStorageTests: XCTestCase {
    private let dimension = 384

    /// What the index should hold: rows in storage order (append, swap-remove), ids and vectors.
    private struct Model {
        var rows: [(id: Int, vector: [Float])] = []

        mutating func add(id: Int, vector: [Float]) {
            remove(id: id)
            rows.append((id, vector))
        }

        mutating func remove(id: Int) {
            guard let position = rows.firstIndex(where: { $0.id == id }) else { return }
            rows[position] = rows[rows.count - 1]
            rows.removeLast()
        }

        /// Most similar first; among equal similarities the earlier row first, as a scan meets them.
        func search(_ query: [Float], k: Int) -> [SearchHit] {
            let scored = rows.indices.map { (row: $0, similarity: VectorMath.dot(query, rows[$0].vector)) }
            let sorted = scored.sorted {
                $0.similarity != $1.similarity ? $0.similarity > $1.similarity : $0.row < $1.row
            }
            return sorted.prefix(k).map { SearchHit(id: rows[$0.row].id, similarity: $0.similarity) }
        }
    }

    private func randomVectors(_ count: Int, seed: UInt64) -> [[Float]] {
        var generator = SplitMix64(seed: seed)
        return (0..<count).map { _ in
            VectorMath.normalized((0..<dimension).map { _ in Float(generator.unit()) * 2 - 1 })
        }
    }

    /// The value the storage keeps: Float as is, Float16 rounded.
    private func stored(_ vector: [Float], _ storage: FlatIndex.Storage) -> [Float] {
        storage == .float32 ? vector : vector.map { Float(Float16($0)) }
    }

    private func assertSameAsModel(
        _ index: FlatIndex, _ model: Model, queries: [[Float]], file: StaticString = #filePath,
        line: UInt = #line
    ) throws {
        XCTAssertEqual(index.count, model.rows.count, file: file, line: line)
        for query in queries {
            XCTAssertEqual(try index.search(query, k: 7), model.search(query, k: 7), file: file, line: line)
        }
        for row in model.rows.prefix(50) + model.rows.suffix(50) {
            XCTAssertEqual(index.vector(id: row.id), row.vector, file: file, line: line)
        }
    }

    func testStorageGrowsPastTwoMiBAndKeepsExactHitsThroughRemovalAndReplacement() throws {
        let vectors = randomVectors(3000, seed: 21)
        let queries = randomVectors(6, seed: 22) + [vectors[5], vectors[2999]]
        for storage in FlatIndex.Storage.allCases {
            var index = FlatIndex(dimension: dimension, storage: storage)
            var model = Model()
            for (i, vector) in vectors.enumerated() {
                // Every 500th vector is stored twice more under other ids: exact ties.
                let copies = i % 500 == 0 ? [i, 10_000 + i, 20_000 + i] : [i]
                for id in copies {
                    try index.add(id: id, vector: vector)
                    model.add(id: id, vector: stored(vector, storage))
                }
            }
            XCTAssertGreaterThan(model.rows.count * dimension * (storage == .float32 ? 4 : 2), 2 << 20)
            try assertSameAsModel(index, model, queries: queries + [vectors[1000]])

            for id in stride(from: 0, to: 3000, by: 7) + [2999, 10_000, 20_500] {
                index.remove(id: id)
                model.remove(id: id)
            }
            let replacements = randomVectors(200, seed: 23)
            for (n, vector) in replacements.enumerated() {
                let id = n * 13 + 1
                try index.add(id: id, vector: vector)
                model.add(id: id, vector: stored(vector, storage))
            }
            index.remove(id: 123_456)
            try assertSameAsModel(index, model, queries: queries + [replacements[0], vectors[1000]])
        }
    }

    func testACopyKeepsItsEntriesWhenTheOriginalChanges() throws {
        let vectors = randomVectors(40, seed: 24)
        for storage in FlatIndex.Storage.allCases {
            var index = FlatIndex(dimension: dimension, storage: storage)
            for (i, vector) in vectors.prefix(30).enumerated() { try index.add(id: i, vector: vector) }
            let copy = index
            index.remove(id: 3)
            try index.add(id: 4, vector: vectors[35])
            try index.add(id: 99, vector: vectors[36])
            XCTAssertEqual(copy.count, 30)
            XCTAssertEqual(copy.vector(id: 3), stored(vectors[3], storage))
            XCTAssertEqual(copy.vector(id: 4), stored(vectors[4], storage))
            XCTAssertNil(copy.vector(id: 99))
            XCTAssertEqual(try copy.search(vectors[3], k: 1).first?.id, 3)
            XCTAssertEqual(index.vector(id: 4), stored(vectors[35], storage))
            XCTAssertNotEqual(try index.search(vectors[3], k: 1).first?.id, 3)
        }
    }

    func testEmptiedIndexAcceptsEntriesAgain() throws {
        let vectors = randomVectors(5, seed: 25)
        var index = FlatIndex(dimension: dimension)
        for (i, vector) in vectors.enumerated() { try index.add(id: i, vector: vector) }
        for i in 0..<5 { index.remove(id: i) }
        XCTAssertEqual(index.count, 0)
        XCTAssertEqual(try index.search(vectors[0], k: 3), [])
        try index.add(id: 7, vector: vectors[2])
        XCTAssertEqual(try index.search(vectors[2], k: 3).map(\.id), [7])
    }
}
