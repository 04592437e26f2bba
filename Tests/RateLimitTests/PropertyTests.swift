import RateLimit
import XCTest

/// Invariants checked on many seeded random traffic patterns.
final class PropertyTests: XCTestCase {
    /// Random arrival times (ms, sorted, with bursts at one instant) over `span`.
    private func traffic(_ generator: inout SeededGenerator, count: Int, span: Int64) -> [Int64] {
        var times: [Int64] = []
        while times.count < count {
            let t = Int64.random(in: 0..<span, using: &generator)
            let repeats = Int.random(in: 1...4, using: &generator)
            times.append(contentsOf: repeatElement(t, count: repeats))
        }
        return times.sorted()
    }

    private func admitted<A: RateLimitAlgorithm>(_ algorithm: A, _ times: [Int64]) -> [Int64] {
        var state: A.State?
        return times.filter { algorithm.decideDroppingStale(&state, now: $0, cost: 1).success }
    }

    /// The largest number of admitted requests inside any span `(t − length, t]`.
    private func busiest(_ times: [Int64], length: Int64) -> Int {
        var best = 0
        var start = 0
        for end in times.indices {
            while times[start] <= times[end] - length { start += 1 }
            best = max(best, end - start + 1)
        }
        return best
    }

    /// 200 rounds of a random limit (1…20) and window, each calling `check` with the times
    /// the algorithm built by `make` admits out of 300 random requests over 20 s.
    private func forRandomLimits<A: RateLimitAlgorithm>(
        seed: UInt64, windows: ClosedRange<Int64>, _ make: (Int, LimitDuration) throws -> A,
        check: (_ limit: Int, _ window: Int64, _ allowed: [Int64]) -> Void
    ) throws {
        var generator = SeededGenerator(seed: seed)
        for _ in 0..<200 {
            let limit = Int.random(in: 1...20, using: &generator)
            let window = Int64.random(in: windows, using: &generator)
            let algorithm = try make(limit, LimitDuration(milliseconds: window))
            check(limit, window, admitted(algorithm, traffic(&generator, count: 300, span: 20_000)))
        }
    }

    func testSlidingLogNeverAdmitsMoreThanTheLimitInAnyWindow() throws {
        try forRandomLimits(seed: 1, windows: 1...5_000, SlidingLog.init(limit:window:)) { limit, window, allowed in
            XCTAssertLessThanOrEqual(busiest(allowed, length: window), limit)
        }
    }

    func testFixedWindowAdmitsAtMostTwiceTheLimitAcrossABoundary() throws {
        var sawMoreThanTheLimit = false
        try forRandomLimits(seed: 2, windows: 100...5_000, FixedWindow.init(limit:window:)) { limit, window, allowed in
            let peak = busiest(allowed, length: window)
            XCTAssertLessThanOrEqual(peak, 2 * limit)
            sawMoreThanTheLimit = sawMoreThanTheLimit || peak > limit
            for (_, inWindow) in Dictionary(grouping: allowed, by: { $0 / window }) {
                XCTAssertLessThanOrEqual(inWindow.count, limit)
            }
        }
        XCTAssertTrue(sawMoreThanTheLimit, "random traffic should show the boundary burst at least once")
    }

    func testSlidingWindowStaysWithinTheLimitPerAlignedWindow() throws {
        try forRandomLimits(seed: 3, windows: 100...5_000, SlidingWindow.init(limit:window:)) {
            limit, window, allowed in
            for (_, inWindow) in Dictionary(grouping: allowed, by: { $0 / window }) {
                XCTAssertLessThanOrEqual(inWindow.count, limit)
            }
        }
    }

    func testBucketsNeverHoldMoreThanTheirCapacity() throws {
        var generator = SeededGenerator(seed: 4)
        for _ in 0..<200 {
            let capacity = Int.random(in: 1...20, using: &generator)
            let refill = Int.random(in: 1...10, using: &generator)
            let interval = Int64.random(in: 100...5_000, using: &generator)
            let duration = try LimitDuration(milliseconds: interval)
            let times = traffic(&generator, count: 300, span: 30_000)
            let stepwise = admitted(try TokenBucket(refillRate: refill, interval: duration, maxTokens: capacity), times)
            let continuous = admitted(
                try ContinuousTokenBucket(capacity: capacity, refill: refill, interval: duration), times)
            for allowed in [stepwise, continuous] {
                // Over any span: at most a full bucket plus what refilled during it.
                for length in [1, interval / 2, interval, 3 * interval] where length > 0 {
                    let refills = Int((length + interval - 1) / interval) * refill
                    XCTAssertLessThanOrEqual(busiest(allowed, length: length), capacity + refills)
                }
                XCTAssertLessThanOrEqual(busiest(allowed, length: 1), capacity)
            }
            var state: ContinuousTokenBucket.State?
            let bucket = try ContinuousTokenBucket(capacity: capacity, refill: refill, interval: duration)
            for t in times {
                XCTAssertLessThanOrEqual(bucket.decideDroppingStale(&state, now: t, cost: 1).remaining, capacity)
            }
        }
    }

    func testGCRADecidesExactlyLikeTheContinuousBucket() throws {
        var generator = SeededGenerator(seed: 5)
        for _ in 0..<200 {
            let capacity = Int.random(in: 1...20, using: &generator)
            let refill = Int.random(in: 1...10, using: &generator)
            let duration = try LimitDuration(milliseconds: Int64.random(in: 100...5_000, using: &generator))
            let gcra = try GCRA(capacity: capacity, refill: refill, interval: duration)
            let bucket = try ContinuousTokenBucket(capacity: capacity, refill: refill, interval: duration)
            var gcraState: GCRA.State?
            var bucketState: ContinuousTokenBucket.State?
            for t in traffic(&generator, count: 300, span: 30_000) {
                let cost = Int.random(in: 1...3, using: &generator)
                let a = gcra.decideDroppingStale(&gcraState, now: t, cost: cost)
                let b = bucket.decideDroppingStale(&bucketState, now: t, cost: cost)
                XCTAssertEqual(a, b, "t=\(t) cost=\(cost)")
            }
        }
    }
}
