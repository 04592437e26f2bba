import Foundation

/// The source of "now" for every timestamp the store writes; injected so tests and replays are deterministic.
public protocol ProgressClock: Sendable {
    /// The current instant.
    func now() -> Date
}

/// The wall clock, for real sessions.
public struct SystemProgressClock: ProgressClock {
    public init() {}

    public func now() -> Date { Date() }
}

/// A clock that returns a fixed instant, advanced by hand; for tests.
public final class ManualProgressClock: ProgressClock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    public init(_ start: Date) {
        current = start
    }

    public func now() -> Date {
        lock.lock()
        defer { lock.unlock() }
        return current
    }

    /// Moves the clock forward by `seconds`.
    public func advance(by seconds: TimeInterval) {
        lock.lock()
        defer { lock.unlock() }
        current = current.addingTimeInterval(seconds)
    }
}

/// ISO 8601 UTC timestamps with milliseconds (`2026-11-27T13:40:02.123Z`), the form stored in the database and printed.
public enum ProgressTimestamp {
    private static let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt)
    private static let plainStyle = Date.ISO8601FormatStyle(timeZone: .gmt)

    /// `date` as ISO 8601 UTC text with millisecond precision.
    public static func string(_ date: Date) -> String {
        style.format(date)
    }

    /// Parses ISO 8601 UTC text, with or without fractional seconds.
    public static func date(_ text: String) -> Date? {
        if let date = try? style.parse(text) { return date }
        return try? plainStyle.parse(text)
    }
}
