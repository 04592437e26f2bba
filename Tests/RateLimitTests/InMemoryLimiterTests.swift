import Clocks
import RateLimit
import XCTest

final class InMemoryLimiterTests: XCTestCase {
    func testManyTasksOnOneIdentifierGetExactlyTheLimit() async throws {
        let clock = ManualClock(milliseconds: 1_700_000_000_000)
        let limiter = InMemoryRateLimiter(
            try SlidingWindow(limit: 100, window: LimitDuration(parsing: "1m")), clock: clock)
        let successes = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<1_000 {
                group.addTask { limiter.decide("ada").success }
            }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        XCTAssertEqual(successes, 100)
    }

    func testIdentifiersAreIndependent() throws {
        let limiter = InMemoryRateLimiter(
            try FixedWindow(limit: 1, window: LimitDuration(parsing: "10 s")), clock: ManualClock())
        XCTAssertTrue(limiter.decide("ada").success)
        XCTAssertFalse(limiter.decide("ada").success)
        XCTAssertTrue(limiter.decide("grace").success)
    }

    func testIdleIdentifiersExpireWithoutChangingDecisions() throws {
        let clock = ManualClock()
        let algorithm = try TokenBucket(refillRate: 1, interval: LimitDuration(parsing: "1 s"), maxTokens: 3)
        let limiter = InMemoryRateLimiter(algorithm, clock: clock)
        var reference: [String: TokenBucket.State] = [:]
        var generator = SeededGenerator(seed: 9)
        for step in 0..<20_000 {
            clock.advance(milliseconds: Int64.random(in: 0...40, using: &generator))
            let identifier = "user-\(Int.random(in: 0..<2_000, using: &generator))"
            var state = reference[identifier]
            let expected = algorithm.decideDroppingStale(&state, now: clock.nowMilliseconds(), cost: 1)
            reference[identifier] = state
            XCTAssertEqual(limiter.decide(identifier), expected, "step \(step)")
        }
        XCTAssertLessThan(limiter.storedIdentifiers, 2_000)
        clock.advance(milliseconds: 60_000)
        limiter.sweep(now: clock.nowMilliseconds())
        XCTAssertEqual(limiter.storedIdentifiers, 0)
    }
}
