/// Step 5 of server.swift: know who is calling. The API key is the identity (the name of the issued
/// key, when the server checked it against its key file); the peer address is the fallback. A
/// client-supplied `X-Forwarded-For` is never trusted: anyone can forge it.
public struct IdentifyStage: GatewayStage {
    public init() {}

    public func handle(_ request: GatewayRequest, next: GatewayNext) async throws -> GatewayResult {
        var request = request
        // ANCHOR: identify
        if let name = request.keyName {
            request.callerID = "key:" + name
        } else if let key = request.apiKey, !key.isEmpty {
            request.callerID = "key:" + key
        } else {
            request.callerID = "ip:" + request.clientAddress
        }
        // ANCHOR_END: identify
        return try await next(request)
    }
}
