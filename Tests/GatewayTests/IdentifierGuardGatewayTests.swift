import Clocks
import Keyspace
import Semantic
import XCTest

@testable import Gateway
@testable import Labs

/// The identifier guard inside the gateway: a prompt about another order is never compared with this one.
final class IdentifierGuardGatewayTests: XCTestCase {
    private func gateway(_ rule: IdentifierGuard, clock: ManualClock) throws -> Gateway {
        let cache = SemanticCache(
            embedder: LexicalEmbedder(), configuration: SemanticCacheConfiguration(threshold: 0.8), clock: clock)
        var parts = GatewayParts(
            redis: SharedKeyspace(configuration: KeyspaceConfiguration(), clock: clock), semanticCache: cache)
        parts.identifierGuard = rule
        return Gateway(
            stages: try ServerSwift.stages(step: 3, parts), llm: LLMStage(SimulatedLLM(profile: LLMProfile(), seed: 1)))
    }

    private func ask(_ gateway: Gateway, _ prompt: String) async throws -> GatewayResult {
        try await gateway.handle(
            GatewayRequest(
                request: LLMRequest(tenant: "acme", prompt: prompt), apiKey: "k1", clientAddress: "127.0.0.1",
                stream: false,
                atMs: 0, label: prompt))
    }

    func testAnotherOrderNumberGoesToTheModel() async throws {
        let clock = ManualClock()
        let stored = "My order #48213 has not arrived yet, what should I do?"
        let other = "My order #48219 has not arrived yet, what should I do?"
        let guarded = try gateway(.numbers, clock: clock)
        _ = try await ask(guarded, stored)
        let refused = try await ask(guarded, other)
        XCTAssertEqual(refused.outcome, .miss, "another order's answer must not be served")
        XCTAssertNotNil(refused.llmCall)
        XCTAssertNil(refused.similarity, "no stored prompt names order 48219")

        let unguarded = try gateway(.off, clock: clock)
        _ = try await ask(unguarded, stored)
        let served = try await ask(unguarded, other)
        XCTAssertEqual(served.outcome, .semanticHit(similarity: served.similarity ?? 0, intent: stored))
        XCTAssertGreaterThanOrEqual(served.similarity ?? 0, 0.8, "without the guard the embedding serves it")
    }

    func testTheSameOrderNumberIsStillServed() async throws {
        let guarded = try gateway(.numbers, clock: ManualClock())
        let stored = "My order #48213 has not arrived yet, what should I do?"
        _ = try await ask(guarded, stored)
        let result = try await ask(guarded, "My order #48213 has not arrived yet, what do I do?")
        guard case .semanticHit(_, let intent) = result.outcome else {
            return XCTFail("expected a semantic hit, got \(result.outcome)")
        }
        XCTAssertEqual(intent, stored)
    }
}
