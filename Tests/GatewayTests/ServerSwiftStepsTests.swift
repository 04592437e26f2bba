import Clocks
import Keyspace
import RateLimit
import Semantic
import XCTest

@testable import Gateway
@testable import Labs

/// The eight steps of server.swift: each its own stages, in the production order, each limiting
/// step with its own limiter unless the run chose another.
final class ServerSwiftStepsTests: XCTestCase {
    private func parts(_ clock: ManualClock, limiting: GatewayParts.Limiting = .step()) -> GatewayParts {
        let cache = SemanticCache(
            embedder: LexicalEmbedder(), configuration: SemanticCacheConfiguration(threshold: 0.5), clock: clock)
        var parts = GatewayParts(
            redis: SharedKeyspace(configuration: KeyspaceConfiguration(), clock: clock), semanticCache: cache)
        parts.clock = clock
        parts.limiting = limiting
        return parts
    }

    /// A stage by its type, a wrapped one as `StreamBypass(Inner)`, a limiter with what it runs.
    private func name(_ stage: any GatewayStage) -> String {
        if let bypass = stage as? StreamBypass { return "StreamBypass(\(name(bypass.inner)))" }
        if let limit = stage as? RateLimitStage {
            return limit.spec.map { "RateLimitStage(\($0.algorithm), \($0.rate))" } ?? "RateLimitStage"
        }
        return String(describing: type(of: stage))
    }

    private func names(step: Int, _ parts: GatewayParts) throws -> [String] {
        try ServerSwift.stages(step: step, parts).map(name)
    }

    func testEveryStepHasItsOwnStagesInTheProductionOrder() throws {
        let parts = parts(ManualClock())
        let caches = ["ExactCacheStage", "SemanticCacheStage"]
        let limited = { (limiter: String) in
            ["CostMeter", "IdentifyStage", "RateLimitStage(\(limiter), 5 per 10 s)"] + caches
        }
        let expected: [[String]] = [
            ["CostMeter"],
            ["CostMeter", "StreamBypass(ExactCacheStage)"],
            ["CostMeter", "StreamBypass(ExactCacheStage)", "StreamBypass(SemanticCacheStage)"],
            ["CostMeter"] + caches,
            limited("fixed-window"),
            limited("token-bucket"),
            limited("sliding-window"),
            ["RateLimitHeaders"] + limited("sliding-window"),
        ]
        var seen: Set<[String]> = []
        for step in ServerSwift.steps {
            let stages = try names(step: step, parts)
            XCTAssertEqual(stages, expected[step - 1], "step \(step)")
            XCTAssertTrue(seen.insert(stages).inserted, "step \(step) has the stages of an earlier step")
            // identify → limit → exact → semantic, whichever of them the step has; the model comes last.
            let order = ["IdentifyStage", "RateLimitStage", "ExactCacheStage", "SemanticCacheStage"]
            let positions = order.compactMap { kind in stages.firstIndex { $0.contains(kind) } }
            XCTAssertEqual(positions, positions.sorted(), "step \(step): \(stages)")
        }
    }

    func testAChosenAlgorithmOrRateReplacesTheStepsOwnAndNoneRemovesIt() throws {
        let clock = ManualClock()
        let rate = try LimitRate(parsing: "20 per 1m")
        XCTAssertEqual(
            try names(step: 5, parts(clock, limiting: .step(algorithm: "token-bucket")))[2],
            "RateLimitStage(token-bucket, 5 per 10 s)")
        XCTAssertEqual(
            try names(step: 6, parts(clock, limiting: .step(rate: rate)))[2], "RateLimitStage(token-bucket, 20 per 1m)")
        XCTAssertEqual(
            try names(step: 7, parts(clock, limiting: .step(algorithm: "fixed-window", rate: rate)))[2],
            "RateLimitStage(fixed-window, 20 per 1m)")
        XCTAssertEqual(
            try names(step: 8, parts(clock, limiting: .off)),
            ["RateLimitHeaders", "CostMeter", "IdentifyStage", "ExactCacheStage", "SemanticCacheStage"])
        let given = try LimiterSpec.fixedWindow(1, "1 s").makeLimiter(clock: clock)
        XCTAssertEqual(try names(step: 5, parts(clock, limiting: .given(given)))[2], "RateLimitStage")
        XCTAssertThrowsError(try names(step: 5, parts(clock, limiting: .step(algorithm: "leaky"))))
    }

    /// Eleven requests from one key: five at 9.9 s, five at 10.1 s, one at 15 s. Which are allowed
    /// tells the limiters apart.
    private func allowed(step: Int) async throws -> [Bool] {
        let clock = ManualClock()
        let gateway = Gateway(
            stages: try ServerSwift.stages(step: step, parts(clock)),
            llm: LLMStage(SimulatedLLM(profile: LLMProfile(), seed: 1)))
        var allowed: [Bool] = []
        let times: [Int64] = [9_900, 9_900, 9_900, 9_900, 9_900, 10_100, 10_100, 10_100, 10_100, 10_100, 15_000]
        for (index, at) in times.enumerated() {
            clock.set(milliseconds: at)
            let result = try await gateway.handle(
                GatewayRequest(
                    request: LLMRequest(tenant: "acme", prompt: "Question \(index)"), apiKey: "bot",
                    clientAddress: "10.0.0.1", stream: false, atMs: at))
            allowed.append(result.status != 429)
        }
        return allowed
    }

    func testStepsFiveSixAndSevenLimitWithAFixedWindowATokenBucketAndASlidingWindow() async throws {
        let five = Array(repeating: true, count: 5)
        let (fixed, bucket, sliding, finished) = (
            try await allowed(step: 5), try await allowed(step: 6), try await allowed(step: 7),
            try await allowed(step: 8)
        )
        // A fixed window starts afresh at 10 s: all ten pass, the eleventh does not.
        XCTAssertEqual(fixed, five + five + [false])
        // A bucket of 5 refilled with 5 every 10 s from the first request (9.9 s): the burst after the
        // boundary finds it empty, and the refill comes at 19.9 s.
        XCTAssertEqual(bucket, five + Array(repeating: false, count: 6))
        // The sliding window counts the previous window's 5 at 99% (floor: 4) at 10.1 s, so one more
        // passes; at 15 s at 50% (2), so the one at 15 s passes too.
        XCTAssertEqual(sliding, five + [true, false, false, false, false, true])
        XCTAssertEqual(finished, sliding, "step 8 limits as step 7")
    }

    func testStepOneBillsEveryCallAtTheModelsPricesAndACacheHitNothing() async throws {
        let clock = ManualClock()
        let request = GatewayRequest(
            request: LLMRequest(tenant: "acme", prompt: "How do I reset my password?"), apiKey: "k1",
            clientAddress: "10.0.0.1", stream: false, atMs: 0)
        var prices = parts(clock)
        prices.prices = PriceList(source: "test", inputPer1K: 1, outputPer1K: 2)
        for step in [1, 2] {
            let gateway = Gateway(
                stages: try ServerSwift.stages(step: step, prices),
                llm: LLMStage(SimulatedLLM(profile: LLMProfile(), seed: 1)))
            let first = try await gateway.handle(request)
            let call = try XCTUnwrap(first.llmCall)
            XCTAssertEqual(
                first.costUSD, Double(call.inputTokens) / 1000 + Double(call.outputTokens) / 1000 * 2, "step \(step)")
            XCTAssertGreaterThan(first.costUSD, 0)
            let again = try await gateway.handle(request)
            XCTAssertEqual(again.costUSD, step == 1 ? first.costUSD : 0, "step \(step): a repeat")
        }
    }

    func testOnlyStepEightSendsTheRateLimitHeadersAndRetryAfter() async throws {
        for step in [7, 8] {
            let clock = ManualClock(milliseconds: 1_800_000_002_000)
            let gateway = Gateway(
                stages: try ServerSwift.stages(step: step, parts(clock)),
                llm: LLMStage(SimulatedLLM(profile: LLMProfile(), seed: 1)))
            var results: [GatewayResult] = []
            for index in 0..<6 {
                results.append(
                    try await gateway.handle(
                        GatewayRequest(
                            request: LLMRequest(tenant: "acme", prompt: "Question \(index)"), apiKey: "bot",
                            clientAddress: "10.0.0.1", stream: false, atMs: clock.nowMilliseconds())))
            }
            XCTAssertEqual(results.map(\.status), [200, 200, 200, 200, 200, 429], "step \(step)")
            let rejected = try XCTUnwrap(results.last)
            if step == 7 {
                XCTAssertEqual(rejected.headers, [], "before step 8 a 429 is bare")
                continue
            }
            let headers = Dictionary(uniqueKeysWithValues: rejected.headers.map { ($0.name, $0.value) })
            XCTAssertEqual(headers["RateLimit-Limit"], "5")
            XCTAssertEqual(headers["RateLimit-Remaining"], "0")
            XCTAssertEqual(headers["Retry-After"].flatMap(Int.init).map { $0 >= 1 }, true, "\(headers)")
            XCTAssertNil(
                Dictionary(uniqueKeysWithValues: results[0].headers.map { ($0.name, $0.value) })["Retry-After"])
            XCTAssertEqual(results[0].headers.first, HeaderField("RateLimit-Limit", "5"))
        }
    }
}
