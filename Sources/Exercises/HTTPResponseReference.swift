import CourseKit
import Gateway

/// The HTTP layer's answer to a limiter decision, as ArchLab's step 8 computes it (`RateLimitHeaders.fields`, which
/// `ChatResponder` sends): `RateLimit-Reset` is the whole seconds until the reset, rounded up and never negative; a
/// refusal adds `Retry-After`, the limiter's rounded-up wait (`RateLimitResult`), at least 1 s, and answers 429.
final class HTTPResponseReference: ExerciseReference {
    /// `handler.headers` → the headers; `handler.reject` → `{status: 429, headers}`.
    func expected(call: String, args: [String: ExerciseValue]) throws(ReferenceError) -> ExerciseValue {
        guard case .bool(let allowed)? = args["allowed"] else {
            throw ReferenceError(description: "argument `allowed` must be true or false")
        }
        let headers = Self.headers(
            allowed: allowed, limit: try args.int("limit"), remaining: try args.int("remaining"),
            resetMs: try args.int("reset_ms"), nowMs: try args.int("now_ms"))
        if call.hasSuffix(".reject") { return .object(["status": .number(429), "headers": headers]) }
        return headers
    }

    /// The `RateLimit-*` headers and `Retry-After` (only on a refusal) as an object; the learner's handler need not
    /// send the `X-RateLimit-*` ones.
    static func headers(allowed: Bool, limit: Int64, remaining: Int64, resetMs: Int64, nowMs: Int64) -> ExerciseValue {
        // RateLimitResult.make: a refusal waits `max(0, ⌈(reset − now) / 1000⌉)` seconds, 0 when admitted.
        let wait = allowed ? 0 : max(0, -floorDivision(nowMs - resetMs, 1000))
        let verdict = RateLimitVerdict(
            allowed: allowed, limit: Int(limit), remaining: Int(remaining), resetMs: resetMs,
            retryAfterSeconds: Int(wait))
        var fields: [String: ExerciseValue] = [:]
        for field in RateLimitHeaders.fields(verdict, nowMs: nowMs)
        where field.name.hasPrefix("RateLimit-") || field.name == "Retry-After" {
            fields[field.name] = .string(field.value)
        }
        return .object(fields)
    }

    private static func floorDivision(_ a: Int64, _ b: Int64) -> Int64 {
        let quotient = a / b
        return (a % b != 0 && a < 0) ? quotient - 1 : quotient
    }
}
