import CourseKit
import Gateway

/// `gateway.caller-id`: ArchLab's `IdentifyStage.callerID` for a request without an issued key's name.
/// Arguments: `peer`, `trusted_proxies` (a list of addresses, absent for none), and optionally `api_key` and
/// `forwarded_for`.
final class CallerIDReference: ExerciseReference {
    func expected(call: String, args: [String: ExerciseValue]) throws(ReferenceError) -> ExerciseValue {
        var proxies: Set<String> = []
        switch args["trusted_proxies"] {
        case nil: break
        case .array(let values)?:
            for value in values {
                guard case .string(let address) = value else {
                    throw ReferenceError(description: "argument `trusted_proxies` must be a list of strings")
                }
                proxies.insert(address)
            }
        default: throw ReferenceError(description: "argument `trusted_proxies` must be a list of strings")
        }
        var request = GatewayRequest(
            request: LLMRequest(prompt: ""), apiKey: args["api_key"]?.string, clientAddress: try args.string("peer"),
            stream: false, atMs: 0)
        request.forwardedFor = args["forwarded_for"]?.string
        return .string(IdentifyStage(trustedProxies: proxies).callerID(request))
    }
}
