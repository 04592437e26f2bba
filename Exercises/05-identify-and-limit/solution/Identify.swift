import Foundation
import ServerSupport

/// Step 5 of server.swift: who is calling. The API key is the caller; without one, the address the request came
/// from. `X-Forwarded-For` is written by the client, so it is believed only when the request came from one of your
/// own proxies, and then only its right-most entry that is not one of them (the address your proxy saw).
public struct CallerIdentity {
    public let trustedProxies: Set<String>

    public init(trustedProxies: Set<String> = []) {
        self.trustedProxies = trustedProxies
    }

    /// "key:<apiKey>" for a non-empty API key; otherwise "ip:<address>": the peer's address, or — only when the
    /// peer is a trusted proxy — the right-most X-Forwarded-For entry that is not a trusted proxy.
    public func callerID(apiKey: String?, peerAddress: String, forwardedFor: String?) -> String {
        if let apiKey, !apiKey.isEmpty { return "key:" + apiKey }
        guard trustedProxies.contains(peerAddress), let forwardedFor else { return "ip:" + peerAddress }
        let hops = forwardedFor.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        return "ip:" + (hops.last { !$0.isEmpty && !trustedProxies.contains($0) } ?? peerAddress)
    }
}

/// Step 5's first limiter: a fixed window, as @upstash/ratelimit's `Ratelimit.fixedWindow(limit, window)` counts.
/// Windows are aligned to the epoch (`⌊nowMs / windowMs⌋`); every request in a window is counted, and it is
/// allowed while the count, itself included, is at most `limit`. One value per caller.
public struct FixedWindow {
    public let limit: Int
    public let windowMs: Int64
    /// The current window's number and the requests counted in it.
    var window: Int64 = -1
    var count = 0

    public init(limit: Int, windowMs: Int64) {
        self.limit = limit
        self.windowMs = windowMs
    }

    /// Decides one request at `nowMs` (time is given, never read from a clock).
    public mutating func limit(nowMs: Int64) -> RateLimitDecision {
        let current = nowMs / windowMs
        if current != window {
            window = current
            count = 0
        }
        count += 1
        return RateLimitDecision(
            allowed: count <= limit, remaining: max(0, limit - count), resetMs: (current + 1) * windowMs)
    }
}
