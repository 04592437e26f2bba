import CourseKit

/// The HTTP layer's answer to a limiter decision, as ArchLab's `ChatResponder.headers` (GatewayServer) computes it:
/// `RateLimit-Reset` is the whole seconds until the reset, rounded up and never negative; a refusal adds
/// `Retry-After` with `RateLimitResult`'s rounded-up wait, at least 1 s, and answers 429.
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

    /// The headers as an exact object: `Retry-After` is present only on a refusal.
    static func headers(allowed: Bool, limit: Int64, remaining: Int64, resetMs: Int64, nowMs: Int64) -> ExerciseValue {
        // ChatResponder: `max(0, (verdict.resetMs - nowMs + 999) / 1000)`.
        let resetIn = max(0, (resetMs - nowMs + 999) / 1000)
        var fields: [String: ExerciseValue] = [
            "RateLimit-Limit": .string(String(limit)), "RateLimit-Remaining": .string(String(remaining)),
            "RateLimit-Reset": .string(String(resetIn)),
        ]
        if !allowed {
            // RateLimitResult: `max(0, ceilDiv(reset - now, 1000))`; ChatResponder: `max(1, retryAfterSeconds)`.
            let wait = max(0, -floorDivision(nowMs - resetMs, 1000))
            fields["Retry-After"] = .string(String(max(1, wait)))
        }
        return .object(fields)
    }

    private static func floorDivision(_ a: Int64, _ b: Int64) -> Int64 {
        let quotient = a / b
        return (a % b != 0 && a < 0) ? quotient - 1 : quotient
    }
}
