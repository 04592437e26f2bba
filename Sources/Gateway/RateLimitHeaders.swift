import Clocks

/// One header of a response.
public struct HeaderField: Sendable, Hashable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// Step 8 of server.swift: the limiter's verdict becomes headers a client can act on, on every
/// answer and not only the 429s. The HTTP layer sends `GatewayResult.headers` (and, for a stream,
/// the headers its first chunk carries) as they are.
public struct RateLimitHeaders: GatewayStage {
    /// What "now" is for `RateLimit-Reset`, which counts seconds from now.
    public let clock: any WallClock

    public init(clock: any WallClock) {
        self.clock = clock
    }

    public func handle(_ request: GatewayRequest, next: GatewayNext) async throws -> GatewayResult {
        var request = request
        if let send = request.onChunk {
            // A stream's headers leave with its first chunk, once the limiter has decided.
            let clock = self.clock
            request.onChunk = { chunk, admitted in
                var admitted = admitted
                admitted.headers = Self.fields(admitted.rateLimit, nowMs: clock.nowMilliseconds())
                try await send(chunk, admitted)
            }
        }
        var result = try await next(request)
        result.headers = Self.fields(result.rateLimit, nowMs: clock.nowMilliseconds())
        return result
    }

    // ANCHOR: fields
    /// RateLimit-* (reset in seconds from now), X-RateLimit-* (reset as a
    /// Unix time), and on a rejection Retry-After: whole seconds, at least 1.
    public static func fields(
        _ verdict: RateLimitVerdict?, nowMs: Int64
    ) -> [HeaderField] {
        guard let verdict else { return [] }
        let resetIn = max(0, (verdict.resetMs - nowMs + 999) / 1000)
        let resetAt = (verdict.resetMs + 999) / 1000
        var fields = [
            HeaderField("RateLimit-Limit", String(verdict.limit)),
            HeaderField("RateLimit-Remaining", String(verdict.remaining)),
            HeaderField("RateLimit-Reset", String(resetIn)),
            HeaderField("X-RateLimit-Limit", String(verdict.limit)),
            HeaderField("X-RateLimit-Remaining", String(verdict.remaining)),
            HeaderField("X-RateLimit-Reset", String(resetAt)),
        ]
        if !verdict.allowed {
            let wait = max(1, verdict.retryAfterSeconds)
            fields.append(HeaderField("Retry-After", String(wait)))
        }
        return fields
    }
    // ANCHOR_END: fields
}
