import NIOCore
import RESP

/// Per-connection state, owned by the connection that created it with `Keyspace.makeSession()`:
/// identity, selected database, protocol, authentication, the MULTI queue and WATCHed keys.
public final class ClientSession {
    /// The id `CLIENT ID` and `HELLO` report; unique per keyspace.
    public let id: Int64
    /// The name set by `CLIENT SETNAME` or `HELLO … SETNAME`.
    public internal(set) var name: String?
    /// Set by `CLIENT SETINFO LIB-NAME`.
    public internal(set) var libraryName: String?
    /// Set by `CLIENT SETINFO LIB-VER`.
    public internal(set) var libraryVersion: String?
    /// The database index chosen with `SELECT`.
    public internal(set) var database = 0
    /// RESP2 until `HELLO 3`.
    public internal(set) var protocolVersion: RESPVersion = .v2
    /// False while a password is configured and the client has not authenticated.
    public internal(set) var authenticated: Bool
    /// Set by `QUIT`: the connection should close once the reply is flushed.
    public internal(set) var shouldClose = false

    var inMulti = false
    var multiQueue: [[ByteBuffer]] = []
    var multiFailed = false
    var watched: [WatchKey] = []
    /// WATCHed keys that a SWAPDB replaced with an already expired key: EXEC ignores their expiry.
    var staleWatched: [WatchKey] = []
    var watchDirty = false

    /// Writes bytes to this client outside the request/reply flow: the reply of a blocked command
    /// once it is served, pub/sub messages. The server installs it; in-process sessions have none.
    var deliver: ((ByteBuffer) -> Void)?
    /// The blocking command this client waits on (BLPOP, BZPOPMIN…), nil when not blocked.
    var blockedOn: BlockedRequest?
    /// SUBSCRIBE channels and PSUBSCRIBE patterns.
    var channels = OrderedKeys()
    var patterns = OrderedKeys()
    /// Whether the client has any subscription (RESP2 then allows only the pub/sub commands).
    var subscribed = false {
        didSet { gated = subscribed || replyMode != .on }
    }
    /// CLIENT REPLY ON|OFF|SKIP.
    var replyMode = ReplyMode.on {
        didSet { gated = subscribed || replyMode != .on }
    }
    /// Whether commands pass `Keyspace.gate` first (subscribed, or replies silenced): one test per command.
    private(set) var gated = false

    init(id: Int64, authenticated: Bool) {
        self.id = id
        self.authenticated = authenticated
    }

    /// Whether the client is inside MULTI, queueing commands.
    public var isInTransaction: Bool { inMulti }
}

/// A WATCHed key: its database and bytes.
struct WatchKey: Hashable {
    var database: Int
    var key: KeyBytes
}
