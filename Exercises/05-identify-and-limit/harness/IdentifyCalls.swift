// Provided by ArchLab: do not edit (`archlab check` verifies this file before every check).
import ServerSupport
import ServerSwift

/// `identify.callerID`: the learner's identity for one request. `api_key` and `forwarded_for` may be absent (no
/// key, no header); `trusted_proxies` is a list of addresses (absent: none).
final class IdentifyCalls: HarnessAdapter {
    static let namespace = "identify"

    init() {}

    func call(_ name: String, _ args: HarnessArgs) throws -> Any {
        guard name == "callerID" else { throw HarnessError(description: "unknown call identify.\(name)") }
        let proxies = args.values["trusted_proxies"] as? [Any] ?? []
        let identity = CallerIdentity(trustedProxies: Set(proxies.compactMap { $0 as? String }))
        return identity.callerID(
            apiKey: args.values["api_key"] as? String, peerAddress: try args.string("peer"),
            forwardedFor: args.values["forwarded_for"] as? String)
    }
}
