import Clocks
import SeededRandom
import Semantic
import XCTest

/// A deterministic embedder for cache tests: each prompt maps to a chosen vector.
private struct TableEmbedder: Embedder {
    let name = "table"
    let dimension = 2
    let table: [String: [Float]]

    func tokens(for text: String) -> [String] { [text] }

    func embed(_ text: String) throws -> [Float] {
        table[text] ?? [0, 1]
    }
}

final class SemanticCacheTests: XCTestCase {
    /// Unit vectors at the given cosine to [1, 0].
    private static func at(_ cosine: Float) -> [Float] { [cosine, (1 - cosine * cosine).squareRoot()] }

    private let embedder = TableEmbedder(table: [
        "base": [1, 0],
        "close": SemanticCacheTests.at(0.95),
        "edge": SemanticCacheTests.at(0.9),
        "below": SemanticCacheTests.at(0.8999),
        "far": SemanticCacheTests.at(0.2),
        "malformed": [1, 0, 0],
    ])
    private let acme = CachePartition(
        tenant: "acme", model: "gpt-x", systemPrompt: "You are helpful.", parameters: ["temperature": "0"])

    private func cache(ttl: Double = 60, maxEntries: Int = 100, clock: ManualClock = ManualClock()) -> SemanticCache {
        SemanticCache(
            embedder: embedder,
            configuration: SemanticCacheConfiguration(threshold: 0.9, ttl: ttl, maxEntries: maxEntries), clock: clock)
    }

    func testExactHitOnNormalisedPromptBeforeVectorSearch() throws {
        let cache = cache()
        try cache.store("  What is   TTL? ", response: "time to live", in: acme)
        let result = try cache.lookup("what is ttl?", in: acme)
        XCTAssertEqual(result.outcome, .exactHit)
        XCTAssertEqual(result.response, "time to live")
        XCTAssertEqual(result.nearestSimilarity, 1)
    }

    func testThresholdIsInclusivePlainCosine() throws {
        let cache = cache()
        try cache.store("base", response: "A", in: acme)
        XCTAssertEqual(try cache.lookup("close", in: acme).outcome, .semanticHit)
        let edge = try cache.lookup("edge", in: acme)
        XCTAssertEqual(edge.outcome, .semanticHit, "similarity equal to the threshold hits")
        XCTAssertEqual(edge.nearestSimilarity ?? 0, 0.9, accuracy: 1e-6)
        let below = try cache.lookup("below", in: acme)
        XCTAssertEqual(below.outcome, .miss)
        XCTAssertNil(below.response)
        XCTAssertEqual(below.nearestPrompt, "base", "a miss still reports the nearest entry")
        XCTAssertEqual(below.nearestSimilarity ?? 0, 0.8999, accuracy: 1e-4)
    }

    func testPartitionsNeverShareAnswers() throws {
        let cache = cache()
        try cache.store("base", response: "acme's answer", in: acme)
        var other = acme
        other.tenant = "globex"
        XCTAssertEqual(try cache.lookup("base", in: other).outcome, .miss)
        XCTAssertNil(
            try cache.lookup("base", in: other).nearestSimilarity, "nothing of another tenant is even compared")
        for change in [
            { (p: inout CachePartition) in p.model = "gpt-y" }, { $0.systemPrompt = "Be terse." },
            { $0.parameters["temperature"] = "0.7" },
        ] {
            var changed = acme
            change(&changed)
            XCTAssertEqual(try cache.lookup("close", in: changed).outcome, .miss, "\(changed)")
        }
        XCTAssertEqual(try cache.lookup("close", in: acme).response, "acme's answer")
    }

    func testAbsoluteTTLIsNotExtendedByHits() throws {
        let clock = ManualClock()
        let cache = cache(ttl: 10, clock: clock)
        try cache.store("base", response: "A", in: acme)
        clock.advance(milliseconds: 9_000)
        XCTAssertEqual(try cache.lookup("base", in: acme).outcome, .exactHit)
        clock.advance(milliseconds: 1_000)
        XCTAssertEqual(try cache.lookup("base", in: acme).outcome, .miss, "expired exactly ttl seconds after the store")
        XCTAssertEqual(cache.count, 0)
        XCTAssertEqual(cache.stats.expirations, 1)
    }

    func testLeastRecentlyUsedEntryIsEvicted() throws {
        let cache = SemanticCache(
            embedder: LexicalEmbedder(),
            configuration: SemanticCacheConfiguration(threshold: 0.99, ttl: 60, maxEntries: 2),
            clock: ManualClock())
        try cache.store("alpha question", response: "1", in: acme)
        try cache.store("beta question", response: "2", in: acme)
        XCTAssertEqual(try cache.lookup("alpha question", in: acme).outcome, .exactHit)
        try cache.store("gamma question", response: "3", in: acme)
        XCTAssertEqual(cache.count, 2)
        XCTAssertEqual(cache.stats.evictions, 1)
        XCTAssertEqual(try cache.lookup("beta question", in: acme).outcome, .miss, "beta was least recently used")
        XCTAssertEqual(try cache.lookup("alpha question", in: acme).response, "1")
        XCTAssertEqual(try cache.lookup("gamma question", in: acme).response, "3")
    }

    func testStatsRecordEveryLookupsNearestSimilarity() throws {
        let cache = cache()
        XCTAssertEqual(try cache.lookup("base", in: acme).outcome, .miss)
        try cache.store("base", response: "A", in: acme)
        _ = try cache.lookup("far", in: acme)
        _ = try cache.lookup("close", in: acme)
        _ = try cache.lookup("base", in: acme)
        let stats = cache.stats
        XCTAssertEqual(stats.lookups, 4)
        XCTAssertEqual(stats.misses, 2)
        XCTAssertEqual(stats.semanticHits, 1)
        XCTAssertEqual(stats.exactHits, 1)
        XCTAssertEqual(stats.hitRate, 0.5)
        XCTAssertEqual(stats.nearestSimilarities.count, 4)
        XCTAssertNil(stats.nearestSimilarities[0])
        XCTAssertEqual(stats.nearestSimilarities[1] ?? 0, 0.2, accuracy: 1e-5)
    }

    func testStatsKeepTheLastThousandSimilaritiesInOrder() throws {
        let cache = cache()
        _ = try cache.lookup("base", in: acme)
        try cache.store("base", response: "A", in: acme)
        var seen: [Float?] = [nil]
        for index in 0..<2_600 {
            seen.append(try cache.lookup(index % 2 == 0 ? "far" : "close", in: acme).nearestSimilarity)
        }
        let stats = cache.stats
        XCTAssertEqual(stats.lookups, 2_601)
        XCTAssertEqual(stats.nearestSimilarities, Array(seen.suffix(1_000)))
    }

    func testStoringTheSamePromptReplacesTheAnswer() throws {
        let cache = cache()
        try cache.store("base", response: "old", in: acme)
        try cache.store("BASE ", response: "new", in: acme)
        XCTAssertEqual(cache.count, 1)
        XCTAssertEqual(try cache.lookup("base", in: acme).response, "new")
    }

    func testEvictionOrderMatchesASimpleLRUModelOverRandomOperations() throws {
        var generator = SplitMix64(seed: 11)
        let clock = ManualClock()
        let cache = SemanticCache(
            embedder: LexicalEmbedder(),
            configuration: SemanticCacheConfiguration(threshold: 1.01, ttl: 1000, maxEntries: 5),
            clock: clock)
        var model: [String] = []
        for _ in 0..<400 {
            let prompt = "prompt number \(generator.next() % 12)"
            if generator.next() % 2 == 0 {
                try cache.store(prompt, response: prompt, in: acme)
                model.removeAll { $0 == prompt }
                model.append(prompt)
                if model.count > 5 { model.removeFirst() }
            } else {
                let hit = try cache.lookup(prompt, in: acme).isHit
                XCTAssertEqual(hit, model.contains(prompt), prompt)
                if let index = model.firstIndex(of: prompt) {
                    model.remove(at: index)
                    model.append(prompt)
                }
            }
            XCTAssertEqual(cache.count, model.count)
        }
    }

    func testEveryIndexKindGivesTheSameHitsOnASmallCache() throws {
        for kind in [
            SemanticCacheConfiguration.IndexKind.flat(.float32), .flat(.float16), .hnsw(m: 8, efSearch: 16), .sparse,
        ] {
            let cache = SemanticCache(
                embedder: embedder, configuration: SemanticCacheConfiguration(threshold: 0.9, index: kind),
                clock: ManualClock())
            try cache.store("base", response: "A", in: acme)
            try cache.store("far", response: "B", in: acme)
            XCTAssertEqual(try cache.lookup("close", in: acme).response, "A", "\(kind)")
            XCTAssertEqual(try cache.lookup("below", in: acme).outcome, .miss, "\(kind)")
        }
    }

    func testLoweringTheThresholdTurnsANearMissIntoAHit() throws {
        let cache = cache()
        try cache.store("base", response: "A", in: acme)
        XCTAssertEqual(try cache.lookup("below", in: acme).outcome, .miss)
        cache.setThreshold(0.85)
        XCTAssertEqual(cache.configuration.threshold, 0.85)
        XCTAssertEqual(try cache.lookup("below", in: acme).outcome, .semanticHit)
    }

    func testAFailedStoreLeavesTheCacheUnchanged() throws {
        let cache = cache()
        try cache.store("base", response: "A", in: acme)
        XCTAssertThrowsError(try cache.store("malformed", response: "B", in: acme))
        XCTAssertEqual(cache.count, 1)
        XCTAssertEqual(try cache.lookup("close", in: acme).response, "A")
    }
}
