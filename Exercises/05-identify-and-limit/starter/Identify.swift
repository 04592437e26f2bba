import ServerSupport

/// Step 5 of server.swift: who is calling. The API key is the caller; without one, the address the request came
/// from. `X-Forwarded-For` is written by the client, so it is believed only when the request came from one of your
/// own proxies, and then only its right-most entry that is not one of them (the address your proxy saw).
public struct CallerIdentity {
    public let trustedProxies: Set<String>

    public init(trustedProxies: Set<String> = []) {
        self.trustedProxies = trustedProxies
    }

    /// The identity the limiter counts against.
    ///
    /// Must hold:
    /// - a non-empty `apiKey` wins: "key:<apiKey>", whatever the addresses say;
    /// - otherwise "ip:<address>", where the address is `peerAddress`…
    /// - …unless `peerAddress` is in `trustedProxies` and there is an `X-Forwarded-For` header: then it is the
    ///   header's right-most entry that is not itself a trusted proxy (entries are separated by commas; spaces and
    ///   tabs around them do not count, nor do empty entries); when there is none, `peerAddress` after all.
    public func callerID(apiKey: String?, peerAddress: String, forwardedFor: String?) -> String {
        // TODO: the key first, then the peer; X-Forwarded-For only through a trusted proxy.
        return "ip:" + (forwardedFor ?? peerAddress)
    }
}

/// Step 5's first limiter: a fixed window, as @upstash/ratelimit's `Ratelimit.fixedWindow(limit, window)` counts.
/// One value per caller.
public struct FixedWindow {
    public let limit: Int
    public let windowMs: Int64

    public init(limit: Int, windowMs: Int64) {
        self.limit = limit
        self.windowMs = windowMs
    }

    /// Decides one request at `nowMs` (time is given, never read from a clock).
    ///
    /// Must hold:
    /// - windows are aligned to the epoch: the window of `nowMs` is `nowMs / windowMs`, and it ends (`resetMs`)
    ///   at `(nowMs / windowMs + 1) * windowMs`;
    /// - a new window starts counting from zero;
    /// - every request is counted, and it is allowed while the count, itself included, is at most `limit`;
    /// - `remaining` is `limit` minus the count, never below 0.
    public mutating func limit(nowMs: Int64) -> RateLimitDecision {
        // TODO: keep the current window and its count (add stored properties), then decide.
        return RateLimitDecision(allowed: true, remaining: limit, resetMs: nowMs + windowMs)
    }
}
