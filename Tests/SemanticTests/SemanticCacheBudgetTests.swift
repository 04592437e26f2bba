import Clocks
import Semantic
import XCTest

/// `maxBytes`: the semantic cache of `serve --cache-memory` stays within its share, evicting the least
/// recently used entries, and forgets partitions it emptied.
final class SemanticCacheBudgetTests: XCTestCase {
    private func cache(maxBytes: Int) -> SemanticCache {
        var configuration = SemanticCacheConfiguration(threshold: 0.99, ttl: 3600, maxEntries: Int.max, index: .sparse)
        configuration.maxBytes = maxBytes
        return SemanticCache(embedder: LexicalEmbedder(), configuration: configuration, clock: ManualClock())
    }

    private func partition(_ index: Int) -> CachePartition {
        // A partition per prompt, as the identifier guard makes for prompts naming different numbers.
        CachePartition(tenant: "default", model: "gpt-4o", parameters: ["identifiers": String(index)])
    }

    func testManyDistinctPromptsStayWithinTheByteBudget() throws {
        let budget = 64 * 1024
        let cache = cache(maxBytes: budget)
        let answer = String(repeating: "An answer of some length. ", count: 20)
        for index in 0..<2000 {
            try cache.store("Question \(index) about order \(index * 7)", response: answer, in: partition(index))
            XCTAssertLessThanOrEqual(cache.byteCount, budget)
        }
        XCTAssertGreaterThan(cache.count, 10, "the budget holds a useful number of entries")
        XCTAssertEqual(cache.stats.evictions, 2000 - cache.count, "every entry that left was counted as evicted")
        XCTAssertEqual(try cache.lookup("Question 1999 about order 13993", in: partition(1999)).outcome, .exactHit)
        XCTAssertEqual(
            try cache.lookup("Question 0 about order 0", in: partition(0)).outcome, .miss, "the oldest went first")
    }

    func testARecentlyReadEntryOutlivesOlderUnreadOnes() throws {
        let shared = partition(0)
        let prompts = ["question one", "question two", "question six", "question ten"]
        let probe = cache(maxBytes: .max)
        var sizes: [Int] = []
        for prompt in prompts.prefix(3) {
            try probe.store(prompt, response: "an answer", in: shared)
            sizes.append(probe.byteCount)
        }
        // Room for three entries and half of a fourth.
        let cache = cache(maxBytes: sizes[2] + (sizes[2] - sizes[1]) / 2)
        for prompt in prompts.prefix(3) {
            try cache.store(prompt, response: "an answer", in: shared)
        }
        XCTAssertEqual(try cache.lookup("question one", in: shared).outcome, .exactHit)
        try cache.store("question ten", response: "an answer", in: shared)
        XCTAssertEqual(cache.count, 3)
        XCTAssertEqual(try cache.lookup("question one", in: shared).outcome, .exactHit, "read last, kept")
        XCTAssertNotEqual(
            try cache.lookup("question two", in: shared).outcome, .exactHit, "least recently used, evicted")
        XCTAssertEqual(cache.stats.evictions, 1)
    }

    func testEmptiedPartitionsAreForgotten() throws {
        let cache = cache(maxBytes: .max)
        XCTAssertEqual(cache.byteCount, 0)
        try cache.store("Question 1", response: "one", in: partition(1))
        try cache.store("Question 1", response: "two", in: partition(1))
        let one = cache.byteCount
        try cache.store("Question 2", response: "two", in: partition(2))
        XCTAssertEqual(cache.byteCount, 2 * one, "a replaced entry leaves nothing behind")
        cache.removeAll()
        XCTAssertEqual(cache.byteCount, 0)
    }
}
