import RESP

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension LimiterBenchmark {
    /// Decisions per second of the RESP-backed limiter on the server `connect` reaches:
    /// `concurrency` callers, each on its own connection, spread over `identifiers`
    /// identifiers. One line per algorithm. `executor`: where the callers run (the connections'
    /// event loop, to spare the thread hops); nil for Swift's global executor.
    public static func resp(
        label: String,
        identifiers: Int,
        decisions: Int,
        concurrency: Int,
        executor: (any TaskExecutor)? = nil,
        connect: @escaping @Sendable () async throws -> any RESPCommandSender
    ) async throws -> [String] {
        let window = try LimitDuration(milliseconds: 10_000)
        var lines: [String] = []
        let algorithms: [any RESPStoredAlgorithm] = [
            try FixedWindow(limit: 100, window: window), try SlidingWindow(limit: 100, window: window),
            try TokenBucket(refillRate: 100, interval: window, maxTokens: 100),
            try GCRA(capacity: 100, refill: 100, interval: window),
        ]
        for algorithm in algorithms {
            lines.append(try await respRun(label, algorithm, identifiers, decisions, concurrency, executor, connect))
        }
        return lines
    }

    private static func respRun<A: RESPStoredAlgorithm>(
        _ label: String, _ algorithm: A, _ identifiers: Int, _ decisions: Int, _ concurrency: Int,
        _ executor: (any TaskExecutor)?, _ connect: @escaping @Sendable () async throws -> any RESPCommandSender
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
                group.addTask(executorPreference: executor) {
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
