import Clocks
import Foundation

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

extension WallClock {
    /// The clock's instant as a `Date`, at microsecond resolution.
    public func date() -> Date {
        Date(timeIntervalSince1970: Double(nowMicroseconds()) / 1_000_000)
    }
}
