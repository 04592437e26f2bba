import Clocks
import Synchronization

/// A rate limiter that keeps its state in this process: thread-safe (one lock around a
/// dictionary) and bounded (identifiers whose state no longer matters are swept out,
/// amortised over the calls). The limiter's prefix namespaces it, so keys are the bare
/// identifiers.
public final class InMemoryRateLimiter<Algorithm: RateLimitAlgorithm>: RateLimiting {
    private struct Storage: ~Copyable {
        /// `nil` values are identifiers whose state was cleared; the sweep removes them.
        var states: [String: Algorithm.State?] = [:]
        var callsSinceSweep = 0
    }

    public let algorithm: Algorithm
    public let prefix: String
    private let clock: any WallClock
    private let storage = Mutex(Storage())

    /// A limiter using `algorithm`, reading time from `clock`.
    public init(_ algorithm: Algorithm, prefix: String = "ratelimit", clock: any WallClock = SystemClock()) {
        self.algorithm = algorithm
        self.prefix = prefix
        self.clock = clock
    }

    /// Decides one request for `identifier` synchronously; `cost` below 1 counts as 1, as in Upstash.
    public func decide(_ identifier: String, cost: Int = 1) -> RateLimitResult {
        decide(identifier, cost: cost, now: clock.nowMilliseconds())
    }

    /// `RateLimiting` conformance: the same as `decide`, which never throws or waits.
    public func limit(_ identifier: String, cost: Int = 1) async throws -> RateLimitResult {
        decide(identifier, cost: cost)
    }

    /// Decides one request at an explicit instant (simulations step their own clock).
    public func decide(_ identifier: String, cost: Int, now: Int64) -> RateLimitResult {
        storage.withLock { storage in
            storage.callsSinceSweep &+= 1
            if storage.callsSinceSweep > max(1024, storage.states.count) {
                storage.callsSinceSweep = 0
                sweep(&storage.states, now: now)
            }
            let algorithm = self.algorithm
            return algorithm.decideDroppingStale(&storage.states[identifier, default: nil], now: now, cost: cost)
        }
    }

    /// The number of identifiers currently remembered (live or not yet swept).
    public var storedIdentifiers: Int {
        storage.withLock { $0.states.count }
    }

    /// Forgets every identifier whose state no longer matters at `now`.
    public func sweep(now: Int64) {
        storage.withLock { sweep(&$0.states, now: now) }
    }

    /// Forgets one identifier, as if it had never been seen.
    public func reset(_ identifier: String) {
        _ = storage.withLock { $0.states.removeValue(forKey: identifier) }
    }

    private func sweep(_ states: inout [String: Algorithm.State?], now: Int64) {
        let algorithm = self.algorithm
        states = states.filter { entry in entry.value.map { algorithm.isLive($0, at: now) } ?? false }
    }
}
