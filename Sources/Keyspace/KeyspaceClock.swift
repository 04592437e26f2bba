#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The wall clock a keyspace reads for TTLs, `TIME` and LRU ages; injected so tests are deterministic.
public protocol KeyspaceClock: Sendable {
    /// Milliseconds since the Unix epoch.
    func nowMilliseconds() -> Int64
    /// Microseconds since the Unix epoch, for `TIME`; defaults to the milliseconds scaled up.
    func nowMicroseconds() -> Int64
}

extension KeyspaceClock {
    public func nowMicroseconds() -> Int64 { nowMilliseconds() &* 1000 }
}

/// The real clock (`CLOCK_REALTIME`).
public struct SystemKeyspaceClock: KeyspaceClock {
    public init() {}

    public func nowMilliseconds() -> Int64 { nowMicroseconds() / 1000 }

    public func nowMicroseconds() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Int64(spec.tv_sec) &* 1_000_000 &+ Int64(spec.tv_nsec) / 1000
    }
}

/// A clock that only moves when told to, for tests and deterministic scenarios.
public final class ManualKeyspaceClock: KeyspaceClock, @unchecked Sendable {
    private var milliseconds: Int64
    private let lock = Mutex()

    public init(milliseconds: Int64 = 1_700_000_000_000) {
        self.milliseconds = milliseconds
    }

    public func nowMilliseconds() -> Int64 { lock.withLock { milliseconds } }

    /// Moves the clock forward by `delta` milliseconds.
    public func advance(by delta: Int64) { lock.withLock { milliseconds += delta } }

    /// Sets the clock to an absolute time.
    public func set(milliseconds value: Int64) { lock.withLock { milliseconds = value } }
}
