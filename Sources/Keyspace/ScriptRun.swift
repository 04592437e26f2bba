import RESP

/// Flags a script declares in its shebang (`#!lua flags=no-writes,allow-oom`) or a function in
/// `redis.register_function{…, flags={…}}`; `compatible` is an EVAL script without a shebang.
struct ScriptFlags: OptionSet {
    let rawValue: UInt8
    static let noWrites = ScriptFlags(rawValue: 1)
    static let allowOOM = ScriptFlags(rawValue: 2)
    static let allowStale = ScriptFlags(rawValue: 4)
    static let noCluster = ScriptFlags(rawValue: 8)
    static let allowCrossSlotKeys = ScriptFlags(rawValue: 16)
    static let compatible = ScriptFlags(rawValue: 32)

    static let names: [(String, ScriptFlags)] = [
        ("no-writes", .noWrites), ("allow-oom", .allowOOM), ("allow-stale", .allowStale),
        ("no-cluster", .noCluster), ("allow-cross-slot-keys", .allowCrossSlotKeys),
    ]

    /// The flag names in Redis's order, as FUNCTION LIST reports them.
    var nameList: [String] { Self.names.filter { contains($0.1) }.map(\.0) }
}

/// One script or function invocation: who called it, the session its `redis.call`s run in, and
/// what it may do.
final class ScriptRun {
    let caller: ClientSession
    /// The script's own client: the caller's database, RESP2 until `redis.setresp(3)`.
    let session: ClientSession
    let readOnly: Bool
    let allowOOM: Bool
    /// Memory was over `maxmemory` when the script started.
    let overMemoryAtStart: Bool
    /// What error messages name: the script's SHA1 or the function's name.
    let name: String
    /// A write command has run: later writes may no longer be refused for memory.
    var wroteData = false

    init(caller: ClientSession, name: String, readOnly: Bool, allowOOM: Bool, overMemoryAtStart: Bool) {
        self.caller = caller
        self.session = ClientSession(id: 0, authenticated: true)
        self.session.database = caller.database
        self.name = name
        self.readOnly = readOnly
        self.allowOOM = allowOOM
        self.overMemoryAtStart = overMemoryAtStart
    }
}
