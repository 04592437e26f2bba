import Foundation
import Gateway
import XCTest

@testable import Labs

/// The security lab (lesson 8's "Secure" node): one gateway and one Redis for three tenants, and an attacker in
/// tenant-1 whose account note the model repeats. The defaults serve no one another's answer; each parameter
/// turns one rule off and the report shows what then goes wrong, with an example.
final class SecurityScenarioTests: XCTestCase {
    private func run(_ parameters: [String: String] = [:]) async throws -> ScenarioReport {
        try await ScenarioRunner(seed: 42).run(try ScenarioCatalog.scenario("security"), parameters: parameters)
    }

    func testTheDefaultsLeakNothingAndServeNoPoison() async throws {
        let report = try await run()
        XCTAssertEqual(report.leakedAnswers, 0)
        XCTAssertEqual(report.poisonedAnswers, 0)
        XCTAssertNil(report.leakExample)
        XCTAssertNil(report.poisonExample)
        XCTAssertGreaterThan(report.exactHits, 0, "the cache still works for each tenant")
        XCTAssertEqual(report.byKind["attacker"]?.allowed, 5, "the attacker asks the five most common questions")
    }

    func testLeavingTheTenantOutOfTheKeyServesAnotherTenantsAnswer() async throws {
        let safe = try await run()
        let report = try await run(["tenant_in_key": "false"])
        let leaked = try XCTUnwrap(report.leakedAnswers)
        XCTAssertGreaterThan(leaked, 0)
        XCTAssertGreaterThan(report.exactHits, safe.exactHits, "one shared entry per question: more hits")
        let example = try XCTUnwrap(report.leakExample)
        XCTAssertNotEqual(example.tenant, example.writtenFor)
        XCTAssertTrue(
            example.answer.hasPrefix(example.writtenFor + ": "), "the answer names the tenant it was written for")
        XCTAssertEqual(report.poisonedAnswers, 0, "the attacker's answers are still never cached")
    }

    func testCachingAnswersShapedByContextServesThePoisonInTheAttackersTenant() async throws {
        let report = try await run(["cache_context": "true"])
        let poisoned = try XCTUnwrap(report.poisonedAnswers)
        XCTAssertGreaterThan(poisoned, 0)
        let example = try XCTUnwrap(report.poisonExample)
        XCTAssertEqual(example.tenant, "tenant-1", "with the tenant in the key the poison stays in tenant-1")
        XCTAssertTrue(example.answer.contains("evil.example"), example.answer)
        XCTAssertEqual(report.leakedAnswers, 0)

        let both = try await run(["cache_context": "true", "tenant_in_key": "false"])
        XCTAssertGreaterThan(try XCTUnwrap(both.poisonedAnswers), poisoned, "without the tenant it reaches everyone")
    }

    func testNoOtherScenarioReportsLeaksOrChangesItsAnswers() async throws {
        let report = try await ScenarioRunner(seed: 42).run(try ScenarioCatalog.scenario("exact-cache"))
        XCTAssertNil(report.leakedAnswers)
        XCTAssertNil(report.poisonedAnswers)
        let json = try ScenarioListing.json(report)
        XCTAssertFalse(json.contains("leaked"), json)
    }

    func testContextIsBilledAsInput() {
        let request = LLMRequest(tenant: "acme", prompt: "How do I reset my password?", context: "An account note.")
        XCTAssertGreaterThan(request.inputTokens, LLMRequest(tenant: "acme", prompt: request.prompt).inputTokens)
    }
}
