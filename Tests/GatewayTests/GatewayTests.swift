import Clocks
import Keyspace
import RateLimit
import Semantic
import Synchronization
import XCTest

@testable import Gateway
@testable import Labs

final class GatewayTests: XCTestCase {
    private func gateway(
        step: Int, limiter: LimiterSpec? = nil, clock: ManualClock, abortRate: Double = 0
    ) throws -> Gateway {
        let cache = SemanticCache(
            embedder: LexicalEmbedder(), configuration: SemanticCacheConfiguration(threshold: 0.5), clock: clock)
        var parts = GatewayParts(
            redis: SharedKeyspace(configuration: KeyspaceConfiguration(), clock: clock), semanticCache: cache,
            limiter: try limiter?.makeLimiter(clock: clock))
        parts.clock = clock
        var profile = LLMProfile()
        profile.abortRate = abortRate
        return Gateway(
            stages: try ServerSwift.stages(step: step, parts), llm: LLMStage(SimulatedLLM(profile: profile, seed: 1)))
    }

    private func request(
        _ prompt: String, tenant: String = "acme", key: String = "k1", at: Int64 = 0, stream: Bool = false
    ) -> GatewayRequest {
        GatewayRequest(
            request: LLMRequest(tenant: tenant, prompt: prompt), apiKey: key, clientAddress: "127.0.0.1",
            stream: stream,
            atMs: at, label: prompt)
    }

    func testATenantNeverReceivesAnotherTenantsCachedAnswer() async throws {
        let clock = ManualClock()
        let gateway = try gateway(step: 4, clock: clock)
        let first = try await gateway.handle(request("How do I reset my password?", tenant: "acme"))
        XCTAssertEqual(first.outcome, .miss)
        let again = try await gateway.handle(request("How do I reset my password?", tenant: "acme"))
        XCTAssertEqual(again.outcome, .exactHit)
        let other = try await gateway.handle(request("How do I reset my password?", tenant: "globex"))
        XCTAssertEqual(other.outcome, .miss, "another tenant must not get acme's cached answer")
        let paraphrase = try await gateway.handle(request("how can I reset my password", tenant: "globex"))
        if case .semanticHit = paraphrase.outcome {
        } else if paraphrase.outcome != .miss {
            XCTFail("unexpected \(paraphrase.outcome)")
        }
    }

    func testARateLimitedCallerNeverReachesTheLLM() async throws {
        let clock = ManualClock()
        let spec = try LimiterSpec(algorithm: "sliding-window", rate: LimitRate(parsing: "5 per 10 s"))
        let gateway = try gateway(step: 8, limiter: spec, clock: clock)
        var statuses: [Int] = []
        for index in 0..<6 {
            clock.set(milliseconds: Int64(index) * 100)
            let result = try await gateway.handle(
                request("Unique question number \(index)", key: "bot", at: Int64(index) * 100))
            statuses.append(result.status)
            if result.status == 429 {
                XCTAssertNil(result.llmCall, "a rejected request must not reach the LLM")
                XCTAssertEqual(result.outcome, .rejected)
                let verdict = try XCTUnwrap(result.rateLimit)
                XCTAssertGreaterThanOrEqual(verdict.retryAfterSeconds, 1)
                XCTAssertEqual(verdict.remaining, 0)
            }
        }
        XCTAssertEqual(statuses, [200, 200, 200, 200, 200, 429], "the 6th request within 10 s gets 429")
        let otherKey = try await gateway.handle(request("Unique question number 9", key: "user", at: 600))
        XCTAssertEqual(otherKey.status, 200, "limits are per API key")
    }

    func testAStreamThatBreaksIsForwardedButNotCached() async throws {
        let clock = ManualClock()
        let gateway = try gateway(step: 4, clock: clock, abortRate: 1)
        let first = try await gateway.handle(request("Explain my invoice", stream: true))
        XCTAssertFalse(first.complete)
        XCTAssertFalse(first.text.isEmpty, "the chunks that arrived were forwarded")
        let second = try await gateway.handle(request("Explain my invoice", stream: true))
        XCTAssertEqual(second.outcome, .miss, "an aborted stream must not be cached")
    }

    func testAClientThatDisconnectsMidStreamLeavesNothingInTheCache() async throws {
        struct Gone: Error {}
        let clock = ManualClock()
        let gateway = try gateway(step: 4, clock: clock)
        var leaving = request("Explain my invoice", stream: true)
        let counter = ChunkCounter()
        leaving.onChunk = { _, _ in if counter.next() >= 3 { throw Gone() } }
        let broken = try await gateway.handle(leaving)
        XCTAssertFalse(broken.complete)
        let after = try await gateway.handle(request("Explain my invoice", stream: true))
        XCTAssertEqual(after.outcome, .miss)
        let cached = try await gateway.handle(request("Explain my invoice", stream: true))
        XCTAssertEqual(cached.outcome, .exactHit, "a complete stream is cached")
        XCTAssertEqual(cached.text, after.text)
    }
}

private final class ChunkCounter: Sendable {
    private let count = Atomic<Int>(0)
    func next() -> Int {
        count.wrappingAdd(1, ordering: .relaxed).newValue
    }
}
