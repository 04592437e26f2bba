import Clocks
import Keyspace
import Logging
import RESP
import RateLimit
import RedisServer
import TestSupport
import XCTest

/// The RESP-backed limiter against real servers: the same decisions as the in-memory
/// limiter, and exactly `limit` successes under concurrent clients.
final class RESPLimiterTests: XCTestCase {
    private func algorithms() throws -> [any RESPStoredAlgorithm] {
        let second = try LimitDuration(parsing: "1s")
        return [
            try FixedWindow(limit: 5, window: second),
            try SlidingWindow(limit: 5, window: second),
            try TokenBucket(refillRate: 2, interval: LimitDuration(parsing: "500ms"), maxTokens: 5),
            try SlidingLog(limit: 5, window: second),
            try ContinuousTokenBucket(capacity: 5, refill: 3, interval: second),
            try GCRA(capacity: 5, refill: 3, interval: second),
        ]
    }

    /// Replays seeded traffic on three identifiers through both limiters and compares every result.
    private func assertSameDecisions<A: RESPStoredAlgorithm>(
        _ algorithm: A, _ connections: any RESPConnectionSource, prefix: String, seed: UInt64
    ) async throws {
        let clock = ManualClock(milliseconds: 1_700_000_000_000)
        let remote = RESPRateLimiter(algorithm, connections: connections, prefix: prefix, clock: clock)
        let local = InMemoryRateLimiter(algorithm, prefix: prefix, clock: clock)
        var generator = SeededGenerator(seed: seed)
        var admitted = 0
        for step in 0..<150 {
            let jump = Int.random(in: 0..<20, using: &generator)
            clock.advance(milliseconds: jump == 0 ? 5_000 : jump < 8 ? 0 : Int64.random(in: 1...300, using: &generator))
            let identifier = "user-\(Int.random(in: 0..<3, using: &generator))"
            let cost = Int.random(in: 0..<6, using: &generator) == 0 ? 2 : 1
            let expected = local.decide(identifier, cost: cost)
            let got = try await remote.limit(identifier, cost: cost)
            XCTAssertEqual(
                got, expected, "\(algorithm.name) step \(step) \(identifier) cost \(cost) at \(clock.nowMilliseconds())"
            )
            if got != expected { return }
            admitted += got.success ? 1 : 0
        }
        XCTAssertGreaterThan(admitted, 10, "\(algorithm.name): traffic should mix admits and rejects")
        XCTAssertLessThan(admitted, 145, "\(algorithm.name): traffic should mix admits and rejects")
    }

    private func compareAll(_ connections: any RESPConnectionSource, label: String) async throws {
        for (index, algorithm) in try algorithms().enumerated() {
            try await assertSameDecisions(algorithm, connections, prefix: "\(label)-\(index)", seed: UInt64(40 + index))
        }
    }

    private func withRedis(_ body: (Int) async throws -> Void) async throws {
        let redis = try ReferenceRedis.start()
        defer { redis.stop() }
        try await body(redis.port)
    }

    func testSameDecisionsAsInMemoryOnRealRedisRESP2() async throws {
        try await withRedis { port in
            let pool = RESPConnectionPool(maximumConnections: 2) {
                try await RESPClient.connect(to: "redis://127.0.0.1:\(port)")
            }
            try await compareAll(pool, label: "resp2")
        }
    }

    func testSameDecisionsAsInMemoryOnRealRedisRESP3() async throws {
        try await withRedis { port in
            let pool = RESPConnectionPool(maximumConnections: 2) {
                try await RESPClient.connect(to: "redis://127.0.0.1:\(port)", protocolVersion: .v3)
            }
            try await compareAll(pool, label: "resp3")
        }
    }

    private func withArchlabServer(_ body: (Int) async throws -> Void) async throws {
        let server = try await RedisServer.start(
            configuration: RedisServerConfiguration(port: 0), logger: Logger(label: "ratelimit-tests"))
        do {
            try await body(server.port)
        } catch {
            try await server.shutdown()
            throw error
        }
        try await server.shutdown()
    }

    func testSameDecisionsAsInMemoryOnArchlabRedisServer() async throws {
        try await withArchlabServer { port in
            let pool = RESPConnectionPool(maximumConnections: 2) {
                try await RESPClient.connect(to: "redis://127.0.0.1:\(port)")
            }
            try await compareAll(pool, label: "archlab")
        }
    }

    func testConcurrentClientsOnArchlabRedisServerGetExactlyTheLimit() async throws {
        try await withArchlabServer { port in
            let pool = RESPConnectionPool(maximumConnections: 8) {
                try await RESPClient.connect(to: "redis://127.0.0.1:\(port)")
            }
            let clock = ManualClock(milliseconds: 1_700_000_000_000)
            for (index, algorithm) in try algorithms().enumerated() {
                let successes = try await concurrentSuccesses(
                    algorithm, pool, clock: clock, prefix: "concurrent-\(index)")
                XCTAssertEqual(successes, 5, algorithm.name)
            }
        }
    }

    func testSameDecisionsAsInMemoryOnAnInProcessKeyspace() async throws {
        let keyspace = SharedKeyspace()
        let pool = RESPConnectionPool(maximumConnections: 1) { keyspace }
        try await compareAll(pool, label: "keyspace")
    }

    func testConcurrentClientsOnOneIdentifierGetExactlyTheLimit() async throws {
        try await withRedis { port in
            let pool = RESPConnectionPool(maximumConnections: 8) {
                try await RESPClient.connect(to: "redis://127.0.0.1:\(port)")
            }
            let clock = ManualClock(milliseconds: 1_700_000_000_000)
            for (index, algorithm) in try algorithms().enumerated() {
                let successes = try await concurrentSuccesses(
                    algorithm, pool, clock: clock, prefix: "concurrent-\(index)")
                XCTAssertEqual(successes, 5, algorithm.name)
            }
        }
    }

    private func concurrentSuccesses<A: RESPStoredAlgorithm>(
        _ algorithm: A, _ pool: RESPConnectionPool, clock: ManualClock, prefix: String
    ) async throws -> Int {
        let limiter = RESPRateLimiter(algorithm, connections: pool, prefix: prefix, clock: clock)
        return try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<60 {
                group.addTask { try await limiter.limit("shared").success }
            }
            return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
    }

    func testErrorRepliesBecomeErrorsNotCrashes() async throws {
        let keyspace = SharedKeyspace()
        _ = try await keyspace.send(["SET", "wrong:user", "not-a-hash"])
        let limiter = RESPRateLimiter(
            try TokenBucket(refillRate: 1, interval: LimitDuration(parsing: "1s"), maxTokens: 1),
            connections: RESPConnectionPool(maximumConnections: 1) { keyspace }, prefix: "wrong")
        do {
            _ = try await limiter.limit("user")
            XCTFail("a key of the wrong type must be reported")
        } catch let error as RateLimitError {
            XCTAssertTrue("\(error)".contains("HMGET"), "\(error)")
        }
    }
}
