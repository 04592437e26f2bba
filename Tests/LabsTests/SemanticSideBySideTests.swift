import Foundation
import Semantic
import XCTest

@testable import Labs

/// Lesson 3's lab: on traffic where users retype their questions, the semantic cache saves visibly
/// more than the exact cache alone, and the report shows that next to what a low threshold costs.
final class SemanticSideBySideTests: XCTestCase {
    private func run(_ parameters: [String: String] = [:]) async throws -> ScenarioReport {
        try await ScenarioRunner(seed: 42, embedder: LexicalEmbedder())
            .run(try ScenarioCatalog.scenario("semantic-cache"), parameters: parameters)
    }

    func testTheSemanticCachePaysOffBeyondTheExactCacheAndALowThresholdServesWrongAnswers() async throws {
        let report = try await run()
        let rows = try XCTUnwrap(report.comparison)
        XCTAssertEqual(rows.map(\.threshold), [nil, 0.95, 0.80])
        XCTAssertEqual(rows.map(\.thisRun), [false, true, false])
        guard rows.count == 3 else { return }
        let (exactOnly, chosen, low) = (rows[0], rows[1], rows[2])
        XCTAssertEqual(chosen.semanticHits, report.semanticHits)
        XCTAssertEqual(chosen.savings, (report.savings * 10_000).rounded() / 10_000)
        XCTAssertEqual(exactOnly.semanticHits, 0)
        XCTAssertGreaterThanOrEqual(
            chosen.savings - exactOnly.savings, 0.05,
            "the semantic cache should save at least 5 points more than the exact cache alone: \(rows)")
        XCTAssertEqual(chosen.wrongSemanticHits, 0, "0.95 serves no wrong answer: \(rows)")
        XCTAssertGreaterThan(low.wrongSemanticHits, 0, "0.80 serves near-misses each other's answers: \(rows)")
        XCTAssertGreaterThan(low.semanticHits, chosen.semanticHits)
    }

    /// Lesson 3 quotes the side by side of `archlab run semantic-cache --model lexical`: the figures
    /// must be what a fresh run prints.
    func testLessonThreeQuotesWhatTheRunPrints() async throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let lesson = try String(
            contentsOf: root.appendingPathComponent("Lessons/03-semantic-caching.md"), encoding: .utf8)
        let quoted = lesson.split(separator: "\n").filter { $0.hasPrefix("| exact ") }.map { line in
            line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
        }
        let report = try await run()
        let rows = try XCTUnwrap(report.comparison)
        func percent(_ ratio: Double) -> String { String(format: "%.1f%%", ratio * 100) }
        let printed = rows.map { row -> [String] in
            let label = row.threshold.map { String(format: "exact + semantic at %.2f", $0) } ?? "exact cache only"
            guard row.threshold != nil else { return [label, "–", "–", percent(row.savings)] }
            return [label, "\(row.semanticHits)", "\(row.wrongSemanticHits)", percent(row.savings)]
        }
        XCTAssertEqual(quoted, printed, "lesson 3's side-by-side table")
    }

    func testTheSideBySideIsTheSameForTheSameSeed() async throws {
        let first = try ScenarioListing.json(try await run())
        let second = try ScenarioListing.json(try await run())
        XCTAssertEqual(first, second)
        XCTAssertTrue(first.contains("\"comparison\""), first)
    }

    func testALowThresholdEqualToTheRunsOwnIsShownOnce() async throws {
        let report = try await run(["requests": "300", "low_threshold": "0.95"])
        let rows = try XCTUnwrap(report.comparison)
        XCTAssertEqual(rows.map(\.threshold), [nil, 0.95])
    }

    func testOnlyTheSemanticCacheRunCarriesASideBySide() async throws {
        let exact = try await ScenarioRunner(seed: 42).run(
            try ScenarioCatalog.scenario("exact-cache"), parameters: ["requests": "300"])
        XCTAssertNil(exact.comparison)
        XCTAssertFalse(try ScenarioListing.json(exact).contains("comparison"))
    }

    func testRetypedQuestionsKeepTheirIntentAndAreNewStringsToTheExactCache() {
        var spec = WorkloadSpec()
        spec.uniqueShare = 0
        spec.rewordShare = 1
        let requests = WorkloadGenerator.generate(spec, seed: 42)
        let phrasings = Set(SupportCatalog.intents.flatMap(\.phrasings))
        let intents = Set(SupportCatalog.intents.map(\.id))
        XCTAssertTrue(requests.allSatisfy { intents.contains($0.intent) })
        let retyped = requests.filter { !phrasings.contains($0.request.prompt) }
        XCTAssertGreaterThan(retyped.count, requests.count * 3 / 4, "most prompts are retyped")
        XCTAssertGreaterThan(Set(requests.map(\.request.prompt)).count, 500, "many distinct strings")
    }
}
