import RESP
import RateLimit
import Synchronization

/// Where gateways keep the state they share when they run behind one RESP server
/// (`archlab serve --redis-url`): its connections, the limiter's failure policy, the
/// semantic index when the server has vector search, and the failure counts for `/metrics`.
public struct SharedState: Sendable {
    /// A pool of connections to the server (8 by default), used by the limiter and both caches.
    public var connections: any RESPConnectionSource
    /// When the server cannot be reached: true lets requests through unlimited (fail open);
    /// false, the default, refuses them with 429 and `Retry-After: 1` (fail closed).
    public var limiterFailsOpen: Bool
    /// The semantic cache's index on the server; nil keeps the semantic cache in this process.
    public var semanticIndex: SharedSemanticIndex?
    public var failures: SharedStateFailures

    public init(
        connections: any RESPConnectionSource, limiterFailsOpen: Bool = false,
        semanticIndex: SharedSemanticIndex? = nil, failures: SharedStateFailures = SharedStateFailures()
    ) {
        self.connections = connections
        self.limiterFailsOpen = limiterFailsOpen
        self.semanticIndex = semanticIndex
        self.failures = failures
    }
}

/// How often the shared server could not be used, by what needed it; read by `/metrics`.
public final class SharedStateFailures: Sendable {
    private let limiterOpen = Atomic(0)
    private let limiterClosed = Atomic(0)
    private let exact = Atomic(0)
    private let semantic = Atomic(0)

    public init() {}

    /// Limiter decisions the server could not make, let through (`--limiter-fail-open`).
    public var limiterFailedOpen: Int { limiterOpen.load(ordering: .relaxed) }
    /// Limiter decisions the server could not make, refused (the default).
    public var limiterFailedClosed: Int { limiterClosed.load(ordering: .relaxed) }
    /// Exact-cache commands that failed and were treated as misses.
    public var exactCacheFailures: Int { exact.load(ordering: .relaxed) }
    /// Semantic-cache searches or stores that failed and were treated as misses.
    public var semanticCacheFailures: Int { semantic.load(ordering: .relaxed) }

    func recordLimiter(failedOpen: Bool) {
        if failedOpen {
            limiterOpen.add(1, ordering: .relaxed)
        } else {
            limiterClosed.add(1, ordering: .relaxed)
        }
    }

    func recordExactCache() { exact.add(1, ordering: .relaxed) }

    func recordSemanticCache() { semantic.add(1, ordering: .relaxed) }
}

/// A limiter on a shared server that answers even when the server does not: a request it
/// cannot decide is let through (fail open) or refused with a one-second wait (fail closed).
public final class FailurePolicyLimiter: RateLimiting {
    public let inner: any RateLimiting
    public let failsOpen: Bool
    /// The limit reported in the headers of a request decided without the server.
    public let limit: Int
    private let failures: SharedStateFailures
    private let clock: @Sendable () -> Int64

    public init(
        _ inner: any RateLimiting, limit: Int, failsOpen: Bool, failures: SharedStateFailures,
        nowMilliseconds: @escaping @Sendable () -> Int64
    ) {
        self.inner = inner
        self.limit = limit
        self.failsOpen = failsOpen
        self.failures = failures
        self.clock = nowMilliseconds
    }

    public func limit(_ identifier: String, cost: Int) async throws -> RateLimitResult {
        do {
            return try await inner.limit(identifier, cost: cost)
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            failures.recordLimiter(failedOpen: failsOpen)
            let now = clock()
            return failsOpen
                ? RateLimitResult(success: true, limit: limit, remaining: limit, reset: now, retryAfterSeconds: 0)
                : RateLimitResult(success: false, limit: limit, remaining: 0, reset: now + 1000, retryAfterSeconds: 1)
        }
    }
}

/// The exact cache's connection to the shared server, failing open: a command the server does
/// not answer is a miss (`GET`) or a store that did not happen (`SETEX`), never a failed request.
final class FailOpenSender: RESPCommandSender {
    let inner: any RESPCommandSender
    let failures: SharedStateFailures

    init(_ inner: any RESPCommandSender, failures: SharedStateFailures) {
        self.inner = inner
        self.failures = failures
    }

    func send(_ arguments: [String]) async throws -> RESPValue {
        do {
            return try await inner.send(arguments)
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            failures.recordExactCache()
            return .nullBulk
        }
    }
}
