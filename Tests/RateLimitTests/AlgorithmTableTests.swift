import RateLimit
import XCTest

/// Cases computed by hand from the formulas in each algorithm's documentation.
final class AlgorithmTableTests: XCTestCase {
    private var tenSeconds: LimitDuration {
        get throws { try LimitDuration(milliseconds: 10_000) }
    }

    func testFixedWindowCountsRejectedRequestsAndResetsAtTheWindowEnd() throws {
        let algorithm = try FixedWindow(limit: 3, window: try tenSeconds)
        XCTAssertNil(
            replay(
                algorithm,
                [
                    Step(t: 0, success: true, remaining: 2, reset: 10_000, retryAfter: 0),
                    Step(t: 1_000, success: true, remaining: 1),
                    Step(t: 2_000, success: true, remaining: 0),
                    Step(t: 3_000, success: false, remaining: 0, reset: 10_000, retryAfter: 7),
                    Step(t: 9_999, success: false, remaining: 0, reset: 10_000, retryAfter: 1),
                    Step(t: 10_000, success: true, remaining: 2, reset: 20_000),
                    Step(t: 10_001, cost: 3, success: false, remaining: 0),
                    Step(t: 10_002, success: false, remaining: 0),
                ]))
    }

    func testFixedWindowAdmitsTwiceTheLimitAcrossABoundary() throws {
        let algorithm = try FixedWindow(limit: 5, window: try tenSeconds)
        var steps = (0..<5).map { Step(t: 9_900, success: true, remaining: 4 - $0) }
        steps += (0..<5).map { Step(t: 10_000, success: true, remaining: 4 - $0) }
        steps.append(Step(t: 10_050, success: false, remaining: 0, reset: 20_000, retryAfter: 10))
        XCTAssertNil(replay(algorithm, steps))
    }

    func testSlidingWindowUpstashExample() throws {
        // Limit 10; the previous window had 10; 25% into the current window the previous
        // one weighs ⌊0.75 · 10⌋ = 7, so 3 more requests are allowed.
        let algorithm = try SlidingWindow(limit: 10, window: try tenSeconds)
        var steps = (0..<10).map { Step(t: 5_000, success: true, remaining: 9 - $0) }
        steps += [
            Step(t: 12_500, success: true, remaining: 2, reset: 20_000, retryAfter: 0),
            Step(t: 12_500, success: true, remaining: 1),
            Step(t: 12_500, success: true, remaining: 0),
            Step(t: 12_500, success: false, remaining: 0, reset: 20_000, retryAfter: 8),
            // 60% in: ⌊0.4 · 10⌋ = 4, plus 3 current = 7: three more.
            Step(t: 16_000, success: true, remaining: 2),
        ]
        XCTAssertNil(replay(algorithm, steps))
    }

    func testSlidingWindowWeightsInFloatingPointLikeLua() throws {
        // 90% in: (1 − 0.9) · 10 = 0.9999999999999998 in doubles, so the previous window weighs 0.
        let algorithm = try SlidingWindow(limit: 10, window: try tenSeconds)
        XCTAssertEqual(algorithm.weightedPrevious(10, now: 19_000), 0)
        XCTAssertEqual(algorithm.weightedPrevious(10, now: 17_000), 3)
        XCTAssertEqual(algorithm.weightedPrevious(10, now: 10_000), 10)
    }

    func testSlidingWindowRejectsWithoutCountingAndCostCanOvershoot() throws {
        let algorithm = try SlidingWindow(limit: 5, window: try tenSeconds)
        XCTAssertNil(
            replay(
                algorithm,
                [
                    Step(t: 0, cost: 4, success: true, remaining: 1),
                    // 4 < 5, so it is counted: 4 + 3 = 7 > 5, not a success.
                    Step(t: 1, cost: 3, success: false, remaining: 0),
                    Step(t: 2, success: false, remaining: 0),
                    // Next window, 50% in: ⌊0.5 · 7⌋ = 3.
                    Step(t: 15_000, success: true, remaining: 1),
                ]))
    }

    func testTokenBucketRefillsInWholeSteps() throws {
        let algorithm = try TokenBucket(refillRate: 2, interval: try tenSeconds, maxTokens: 5)
        var steps = (0..<5).map { Step(t: 0, success: true, remaining: 4 - $0, reset: 10_000) }
        steps += [
            Step(t: 0, success: false, remaining: 0, reset: 10_000, retryAfter: 10),
            Step(t: 9_999, success: false, remaining: 0, reset: 10_000, retryAfter: 1),
            Step(t: 10_000, success: true, remaining: 1, reset: 20_000),
            Step(t: 10_001, success: true, remaining: 0, reset: 20_000),
            Step(t: 10_002, success: false, remaining: 0, reset: 20_000, retryAfter: 10),
            // Two steps later (t = 30 000): 0 + 2 · 2 = 4.
            Step(t: 30_500, success: true, remaining: 3, reset: 40_000),
        ]
        XCTAssertNil(replay(algorithm, steps))
    }

    func testTokenBucketForgetsAnIdentifierLikeUpstashsKeyExpiry() throws {
        // After the last admitted request leaves 0 tokens, the key lives ⌈5/2⌉ · 10 s = 30 s.
        let algorithm = try TokenBucket(refillRate: 2, interval: try tenSeconds, maxTokens: 5)
        var steps = (0..<5).map { Step(t: 1_000, success: true, remaining: 4 - $0) }
        steps += [
            Step(t: 31_000, success: true, remaining: 4, reset: 41_000)
        ]
        XCTAssertNil(replay(algorithm, steps))
        var afterExpiry = (0..<5).map { Step(t: 1_000, success: true, remaining: 4 - $0) }
        afterExpiry.append(Step(t: 31_001, success: true, remaining: 4, reset: 41_001))
        XCTAssertNil(replay(algorithm, afterExpiry))
    }

    func testTokenBucketOverCostDrainsBelowZero() throws {
        // Upstash only rejects outright at exactly 0 tokens; a request costing more than
        // what is left is refused but still drains the bucket, and so does every request
        // while it is negative.
        let algorithm = try TokenBucket(refillRate: 1, interval: try tenSeconds, maxTokens: 3)
        XCTAssertNil(
            replay(
                algorithm,
                [
                    Step(t: 0, cost: 5, success: false, remaining: 0, reset: 10_000),
                    Step(t: 1, success: false, remaining: 0),
                    // −3 + 6 steps = 3 tokens (capped) at t = 60 001, just before the key would expire.
                    Step(t: 60_001, success: true, remaining: 2, reset: 70_000),
                ]))
    }

    func testSlidingLogAdmitsByTheExactLog() throws {
        let algorithm = try SlidingLog(limit: 3, window: try tenSeconds)
        XCTAssertNil(
            replay(
                algorithm,
                [
                    Step(t: 0, success: true, remaining: 2, reset: 10_000),
                    Step(t: 1_000, success: true, remaining: 1, reset: 10_000),
                    Step(t: 2_000, success: true, remaining: 0, reset: 10_000),
                    Step(t: 3_000, success: false, remaining: 0, reset: 10_000, retryAfter: 7),
                    Step(t: 9_999, success: false, remaining: 0, reset: 10_000, retryAfter: 1),
                    Step(t: 10_000, success: true, remaining: 0, reset: 11_000),
                    Step(t: 10_500, cost: 2, success: false, remaining: 0, reset: 12_000, retryAfter: 2),
                ]))
    }

    /// Capacity 2, one token per second: the table both smooth buckets must follow.
    private let smoothSteps = [
        Step(t: 0, success: true, remaining: 1, reset: 1_000),
        Step(t: 0, success: true, remaining: 0, reset: 1_000),
        Step(t: 0, success: false, remaining: 0, reset: 1_000, retryAfter: 1),
        Step(t: 500, success: false, remaining: 0, reset: 1_000, retryAfter: 1),
        Step(t: 1_000, success: true, remaining: 0, reset: 2_000),
        Step(t: 2_500, success: true, remaining: 0, reset: 3_000),
        Step(t: 9_000, success: true, remaining: 1, reset: 10_000),
    ]

    func testContinuousBucketRefillsSmoothly() throws {
        let algorithm = try ContinuousTokenBucket(capacity: 2, refill: 1, interval: LimitDuration(milliseconds: 1_000))
        XCTAssertNil(replay(algorithm, smoothSteps))
    }

    func testContinuousBucketKeepsFractionsExactly() throws {
        // 1 token per 3 s: after 1.5 s half a token is there; one more at t = 3 s.
        let algorithm = try ContinuousTokenBucket(capacity: 1, refill: 1, interval: LimitDuration(milliseconds: 3_000))
        XCTAssertNil(
            replay(
                algorithm,
                [
                    Step(t: 0, success: true, remaining: 0, reset: 3_000),
                    Step(t: 1_500, success: false, remaining: 0, reset: 3_000, retryAfter: 2),
                    Step(t: 3_000, success: true, remaining: 0, reset: 6_000),
                ]))
    }

    func testGCRAMatchesTheContinuousBucketOnTheSameSteps() throws {
        let algorithm = try GCRA(capacity: 2, refill: 1, interval: LimitDuration(milliseconds: 1_000))
        XCTAssertNil(replay(algorithm, smoothSteps))
    }

    func testInvalidParametersAreErrorsNotCrashes() {
        // Each error names the parameter (not just any error, such as one from `tenSeconds`).
        XCTAssertThrowsError(try FixedWindow(limit: 0, window: try tenSeconds)) {
            XCTAssertEqual("\($0)", "invalid limit \"0\": expected a positive number of requests")
        }
        XCTAssertThrowsError(try TokenBucket(refillRate: 0, interval: try tenSeconds, maxTokens: 1)) {
            XCTAssertEqual("\($0)", "invalid refill \"0\": expected a positive number of tokens")
        }
        XCTAssertThrowsError(try GCRA(capacity: 1, refill: 2_000_000, interval: try tenSeconds)) {
            XCTAssertEqual("\($0)", "invalid refill \"2000000\": expected between 1 and 1000000")
        }
        XCTAssertThrowsError(try LimitDuration(milliseconds: 0)) {
            XCTAssertEqual("\($0)", "invalid duration \"0 ms\": expected a positive length")
        }
        XCTAssertThrowsError(try ContinuousTokenBucket(capacity: 0, refill: 1, interval: try tenSeconds)) {
            XCTAssertEqual("\($0)", "invalid capacity \"0\": expected a positive number of tokens")
        }
        let overflow = "invalid capacity \"\(1 << 50)\": expected a capacity times interval below 2^61 ms"
        XCTAssertThrowsError(try GCRA(capacity: 1 << 50, refill: 1, interval: try tenSeconds)) {
            XCTAssertEqual("\($0)", overflow)
        }
        XCTAssertThrowsError(try ContinuousTokenBucket(capacity: 1 << 50, refill: 1, interval: try tenSeconds)) {
            XCTAssertEqual("\($0)", overflow)
        }
    }
}
