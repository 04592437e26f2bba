import RESP

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension LimiterBenchmark {
    /// Decisions per second of the RESP-backed limiter on the server `connect` reaches:
    /// `concurrency` callers, each on its own connection, spread over `identifiers`
    /// identifiers. One line per algorithm.
    public static func resp(
        label: String,
        identifiers: Int,
        decisions: Int,
        concurrency: Int,
        connect: @escaping @Sendable () async throws -> any RESPCommandSender
    ) async throws -> [String] {
        let window = try LimitDuration(milliseconds: 10_000)
        var lines: [String] = []
        lines.append(
            try await respRun(
                label, FixedWindow(limit: 100, window: window), identifiers, decisions, concurrency, connect))
        lines.append(
            try await respRun(
                label, SlidingWindow(limit: 100, window: window), identifiers, decisions, concurrency, connect))
        lines.append(
            try await respRun(
                label, TokenBucket(refillRate: 100, interval: window, maxTokens: 100), identifiers, decisions,
                concurrency, connect))
        lines.append(
            try await respRun(
                label, GCRA(capacity: 100, refill: 100, interval: window), identifiers, decisions, concurrency, connect)
        )
        return lines
    }

    private static func respRun<A: RESPStoredAlgorithm>(
        _ label: String, _ algorithm: A, _ identifiers: Int, _ decisions: Int, _ concurrency: Int,
        _ connect: @escaping @Sendable () async throws -> any RESPCommandSender
    ) async throws -> String {
        let callers = max(1, concurrency)
        let pool = RESPConnectionPool(maximumConnections: callers, connect: connect)
        let limiter = RESPRateLimiter(
            algorithm, connections: pool, prefix: "bench-\(algorithm.name)-\(UInt32.random(in: 0...UInt32.max))")
        let perCaller = max(1, decisions / callers)
        var start = timespec()
        var end = timespec()
        clock_gettime(CLOCK_MONOTONIC, &start)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for caller in 0..<callers {
                group.addTask {
                    for index in 0..<perCaller {
                        _ = try await limiter.limit("user-\((index * callers + caller) % max(1, identifiers))", cost: 1)
                    }
                }
            }
            try await group.waitForAll()
        }
        clock_gettime(CLOCK_MONOTONIC, &end)
        let seconds = Double(end.tv_sec - start.tv_sec) + Double(end.tv_nsec - start.tv_nsec) / 1e9
        let total = perCaller * callers
        return
            """
                \(label) \(algorithm.name), \(callers) connections: \(total) decisions over \(identifiers) identifiers \
                in \(fixed(seconds, 3)) s = \(fixed(Double(total) / seconds, 0)) /s
                """
    }
}
