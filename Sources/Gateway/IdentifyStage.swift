/// Step 5 of server.swift: know who is calling. The API key is the identity (the name of the issued
/// key, when the server checked it against its key file); the peer address is the fallback. A
/// client-supplied `X-Forwarded-For` is trusted only when the peer is one of `trustedProxies` (your own
/// proxy or load balancer, `archlab serve --trusted-proxy`): anyone else can forge it.
public struct IdentifyStage: GatewayStage {
    /// Addresses of the proxies in front of the gateway; empty (the default) trusts no header.
    public let trustedProxies: Set<String>

    public init(trustedProxies: Set<String> = []) {
        self.trustedProxies = trustedProxies
    }

    public func handle(_ request: GatewayRequest, next: GatewayNext) async throws -> GatewayResult {
        var request = request
        request.callerID = callerID(request)
        return try await next(request)
    }

    // ANCHOR: identify
    /// The key the limiter counts against.
    public func callerID(_ request: GatewayRequest) -> String {
        if let name = request.keyName { return "key:" + name }
        if let key = request.apiKey, !key.isEmpty { return "key:" + key }
        return "ip:"
            + Self.clientAddress(
                peer: request.clientAddress, forwardedFor: request.forwardedFor,
                trustedProxies: trustedProxies)
    }
    // ANCHOR_END: identify

    // ANCHOR: client-address
    /// The caller's address: the peer's, or, only when the peer is a trusted
    /// proxy, the right-most X-Forwarded-For entry that is not a trusted proxy.
    /// Each proxy appends the address it saw, so the entries left of that one
    /// were written by the client (or its proxies) and may be forged.
    public static func clientAddress(
        peer: String, forwardedFor: String?, trustedProxies: Set<String>
    ) -> String {
        guard trustedProxies.contains(peer), let forwardedFor else { return peer }
        let hops = forwardedFor.split(separator: ",").map { String(trimmed($0)) }
        return hops.last { !$0.isEmpty && !trustedProxies.contains($0) } ?? peer
    }
    // ANCHOR_END: client-address

    /// `text` without leading and trailing spaces and tabs.
    private static func trimmed(_ text: Substring) -> Substring {
        let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = text.firstIndex(where: { !blank($0) }), let last = text.lastIndex(where: { !blank($0) })
        else { return "" }
        return text[first...last]
    }
}
