import Keyspace
import RateLimit
import Semantic
import Synchronization

/// The one clock of a simulated run: the limiter, both caches and the keyspace read it, and the
/// runner moves it to each request's arrival time. Nothing sleeps.
public final class SimulationClock: RateLimitClock, CacheClock, KeyspaceClock {
    private let milliseconds: Atomic<Int64>

    public init(milliseconds: Int64 = 0) {
        self.milliseconds = Atomic(milliseconds)
    }

    public func set(milliseconds value: Int64) {
        milliseconds.store(value, ordering: .relaxed)
    }

    public func nowMilliseconds() -> Int64 {
        milliseconds.load(ordering: .relaxed)
    }

    public func nowMicroseconds() -> Int64 {
        nowMilliseconds() * 1000
    }

    public func now() -> Double {
        Double(nowMilliseconds()) / 1000
    }
}
