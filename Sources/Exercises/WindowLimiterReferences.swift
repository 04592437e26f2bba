import CourseKit
import RateLimit

/// RateLimit's window algorithms as references, one state per `limiter`/`key`, never forgotten (like the harness's
/// adapters): `ratelimit.fixed-window` is `FixedWindow`, `ratelimit.sliding-window` is `SlidingWindow` (both with
/// Upstash's semantics). Arguments: `limiter`, `key`, `limit`, `window_ms`, `now_ms`.
final class WindowLimiterReference<Algorithm: RateLimitAlgorithm>: ExerciseReference {
    private let make: (_ limit: Int, _ window: LimitDuration) throws -> Algorithm
    private var limiters: [String: (algorithm: Algorithm, state: Algorithm.State?)] = [:]

    init(_ make: @escaping (_ limit: Int, _ window: LimitDuration) throws -> Algorithm) {
        self.make = make
    }

    func expected(call: String, args: [String: ExerciseValue]) throws(ReferenceError) -> ExerciseValue {
        let id = try args.string("limiter") + "/" + args.string("key")
        var entry: (algorithm: Algorithm, state: Algorithm.State?)
        if let existing = limiters[id] {
            entry = existing
        } else {
            let limit = Int(try args.int("limit"))
            let milliseconds = try args.int("window_ms")
            do {
                entry = (try make(limit, try LimitDuration(milliseconds: milliseconds)), nil)
            } catch {
                throw ReferenceError(description: "\(error)")
            }
        }
        let result = entry.algorithm.decide(&entry.state, now: try args.int("now_ms"), cost: 1)
        limiters[id] = entry
        return .object([
            "allowed": .bool(result.success), "remaining": .number(Double(result.remaining)),
            "reset_ms": .number(Double(result.reset)),
        ])
    }
}

extension WindowLimiterReference where Algorithm == FixedWindow {
    static func fixedWindow() -> WindowLimiterReference {
        WindowLimiterReference { try FixedWindow(limit: $0, window: $1) }
    }
}

extension WindowLimiterReference where Algorithm == SlidingWindow {
    static func slidingWindow() -> WindowLimiterReference {
        WindowLimiterReference { try SlidingWindow(limit: $0, window: $1) }
    }
}
