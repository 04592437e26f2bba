import Foundation
import TestSupport
import XCTest

/// `archlab serve --cache-memory`: the exact and semantic caches share one byte budget, so the
/// server's resident memory stops growing with distinct prompts and `/metrics` counts the evictions.
final class ServeMemoryEndToEndTests: ScratchDirectoryTestCase {
    override class var scratchPrefix: String { "serve-memory-e2e" }

    /// Twenty thousand distinct prompts against a 4 MB budget: without a bound the caches grew by
    /// some 76 MB (issue 16); with it, growth stays under the budget plus a generous fixed allowance
    /// for the allocator, NIO's buffers and the limiter's bookkeeping.
    func testResidentMemoryStaysWithinTheBudgetAfterManyDistinctPrompts() throws {
        let budget = 4 * 1024
        let allowance = 24 * 1024
        let serve = try ServeProcess(
            ["--model", "lexical", "--latency-scale", "0", "--limit", "1000000 per 1 s", "--cache-memory", "4mb"],
            in: scratch)
        let client = try KeepAliveHTTP(port: serve.port)
        func ask(_ index: Int) throws {
            let body =
                #"{"model":"gpt-4o","messages":[{"role":"user","content":"Distinct question \#(index) about item \#(index * 7)"}]}"#
            let response = try client.send(
                "POST", "/v1/chat/completions", body: body, headers: ["Authorization": "Bearer load"])
            guard response.status == 200 else { throw ServeTestFailure("request \(index): \(response.head)") }
        }
        for index in 0..<500 { try ask(index) }
        let before = try serve.residentKilobytes()
        for index in 500..<20_500 { try ask(index) }
        let after = try serve.residentKilobytes()
        let metrics = try client.send("GET", "/metrics").body
        serve.stop()

        XCTAssertLessThan(after - before, budget + allowance, "RSS \(before) kB → \(after) kB")
        let evictions = try XCTUnwrap(Self.value("archlab_cache_evictions_total", in: metrics), metrics)
        XCTAssertGreaterThan(evictions, 10_000, "most of the 20,000 answers were evicted from each cache")
        let bytes = try XCTUnwrap(Self.value("archlab_cache_bytes", in: metrics), metrics)
        XCTAssertLessThanOrEqual(bytes, Double(budget * 1024))
        XCTAssertGreaterThan(bytes, Double(budget * 1024) * 0.9, "the budget is used, not left idle")
    }

    func testCacheMemoryTakesSizesAndRefusesOthers() throws {
        let bad = try ArchLabRunner.run(["serve", "--cache-memory", "lots"], in: scratch)
        XCTAssertNotEqual(bad.status, 0)
        XCTAssertTrue(
            bad.stderr.contains("--cache-memory must be a size such as 64mb, 512kb or 1gb, not 'lots'"), bad.stderr)
        let small = try ArchLabRunner.run(["serve", "--cache-memory", "100kb"], in: scratch)
        XCTAssertNotEqual(small.status, 0)
        XCTAssertTrue(small.stderr.contains("--cache-memory must be at least 256kb"), small.stderr)
        let serve = try ServeProcess(["--model", "lexical", "--cache-memory", "512kb"], in: scratch)
        let metrics = try KeepAliveHTTP(port: serve.port).send("GET", "/metrics").body
        serve.stop()
        XCTAssertTrue(serve.text.contains("cache memory 512kb"), serve.text)
        XCTAssertEqual(Self.value("archlab_cache_bytes", in: metrics), 0)
        XCTAssertEqual(Self.value("archlab_cache_evictions_total", in: metrics), 0)
    }

    private static func value(_ name: String, in metrics: String) -> Double? {
        metrics.split(separator: "\n").first { $0.hasPrefix(name + " ") }.flatMap {
            Double($0.dropFirst(name.count + 1))
        }
    }
}
