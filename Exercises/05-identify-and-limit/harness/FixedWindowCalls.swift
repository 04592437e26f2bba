// Provided by ArchLab: do not edit (`archlab check` verifies this file before every check).
import ServerSupport
import ServerSwift

/// `fixedWindow.limit`: one request against the window named by `limiter` and `key`, made on first use.
final class FixedWindowCalls: HarnessAdapter {
    static let namespace = "fixedWindow"
    private var windows: [String: FixedWindow] = [:]

    init() {}

    func call(_ name: String, _ args: HarnessArgs) throws -> Any {
        guard name == "limit" else { throw HarnessError(description: "unknown call fixedWindow.\(name)") }
        let id = try args.string("limiter") + "/" + args.string("key")
        var window =
            try windows[id] ?? FixedWindow(limit: args.int("limit"), windowMs: Int64(args.int("window_ms")))
        let decision = window.limit(nowMs: Int64(try args.int("now_ms")))
        windows[id] = window
        return ["allowed": decision.allowed, "remaining": decision.remaining, "reset_ms": decision.resetMs]
    }
}
