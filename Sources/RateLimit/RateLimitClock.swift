#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// The source of "now" for a rate limiter, in Unix milliseconds. Injected so that tests
/// and simulations decide deterministically.
public protocol RateLimitClock: Sendable {
    /// Milliseconds since the Unix epoch (or since t = 0 in a simulation).
    func nowMilliseconds() -> Int64
}

/// The machine's wall clock (`CLOCK_REALTIME`), which is what a production limiter uses.
public struct SystemClock: RateLimitClock {
    public init() {}

    public func nowMilliseconds() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Int64(spec.tv_sec) * 1000 + Int64(spec.tv_nsec) / 1_000_000
    }
}

/// A clock that only moves when told to: for tests and simulations.
public final class ManualClock: RateLimitClock {
    private let now: Atomic<Int64>

    /// Starts at `milliseconds` (Unix ms, or 0 for a simulation's t = 0).
    public init(milliseconds: Int64 = 0) {
        now = Atomic(milliseconds)
    }

    public func nowMilliseconds() -> Int64 {
        now.load(ordering: .relaxed)
    }

    /// Jumps to an absolute instant.
    public func set(milliseconds: Int64) {
        now.store(milliseconds, ordering: .relaxed)
    }

    /// Moves the clock forward by `milliseconds`.
    public func advance(milliseconds: Int64) {
        now.add(milliseconds, ordering: .relaxed)
    }
}
