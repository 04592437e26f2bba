import Foundation

/// Source of "now" for TTLs, injected so tests and scenarios control time.
public protocol CacheClock: Sendable {
    /// Seconds since an arbitrary fixed origin.
    func now() -> Double
}

/// Wall-clock time.
public struct SystemCacheClock: CacheClock {
    public init() {}
    public func now() -> Double { Date().timeIntervalSince1970 }
}

/// A clock that only moves when told to (tests, scripted scenarios).
public final class ManualCacheClock: CacheClock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Double

    public init(start: Double = 0) {
        current = start
    }

    public func now() -> Double {
        lock.lock()
        defer { lock.unlock() }
        return current
    }

    /// Moves time forward by `seconds`.
    public func advance(by seconds: Double) {
        lock.lock()
        current += seconds
        lock.unlock()
    }
}
