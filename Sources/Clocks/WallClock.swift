import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one source of "now" in ArchLab: wall time since the Unix epoch (or since t = 0 in a simulation).
/// Injected everywhere time matters (limiters, TTLs, the keyspace, progress timestamps, the HTTP gateway),
/// so tests and scenarios move time by hand instead of sleeping.
public protocol WallClock: Sendable {
    /// Milliseconds since the Unix epoch.
    func nowMilliseconds() -> Int64
    /// Microseconds since the Unix epoch; defaults to the milliseconds scaled up.
    func nowMicroseconds() -> Int64
}

extension WallClock {
    public func nowMicroseconds() -> Int64 { nowMilliseconds() &* 1000 }

    /// Seconds since the epoch, at millisecond resolution.
    public func nowSeconds() -> Double { Double(nowMilliseconds()) / 1000 }
}

/// The machine's wall clock (`CLOCK_REALTIME`).
public struct SystemClock: WallClock {
    public init() {}

    public func nowMilliseconds() -> Int64 { nowMicroseconds() / 1000 }

    public func nowMicroseconds() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Int64(spec.tv_sec) &* 1_000_000 &+ Int64(spec.tv_nsec) / 1000
    }
}

/// The wall clock read from the kernel's cached tick (`CLOCK_REALTIME_COARSE`): several times cheaper than
/// ``SystemClock``, but only as fine as one scheduler tick (1–4 ms on Linux). For limiters where a few
/// milliseconds of slack do not matter.
public struct CoarseSystemClock: WallClock {
    public init() {}

    public func nowMilliseconds() -> Int64 {
        var spec = timespec()
        #if os(Linux)
        clock_gettime(CLOCK_REALTIME_COARSE, &spec)
        #else
        clock_gettime(CLOCK_REALTIME, &spec)
        #endif
        return Int64(spec.tv_sec) * 1000 + Int64(spec.tv_nsec) / 1_000_000
    }
}

/// A clock that only moves when told to: for tests, replays and simulations.
public final class ManualClock: WallClock {
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
