import Keyspace
import RESP

/// How `RedisServer` listens and what it allows.
public struct RedisServerConfiguration: Sendable {
    /// The address to bind; loopback by default.
    public var host: String
    /// The TCP port; 0 picks a free one (see `RedisServer.port`).
    public var port: Int
    /// Most simultaneous clients; further connections get `-ERR max number of clients reached`.
    public var maxclients: Int
    /// Request limits checked while parsing.
    public var limits: RESPCommandLimits
    /// A client that sends more than this without completing a command is disconnected (Redis's
    /// `client-query-buffer-limit`, 1 GB).
    public var maxQueryBufferLength: Int
    /// Reply bytes a connection may queue before the server stops reading its requests.
    public var outputHighWaterMark: Int
    /// The keyspace's memory limit, eviction policy and password.
    public var keyspace: KeyspaceConfiguration

    public init(
        host: String = "127.0.0.1",
        port: Int = 6380,
        maxclients: Int = 10000,
        limits: RESPCommandLimits = RESPCommandLimits(),
        maxQueryBufferLength: Int = 1 << 30,
        outputHighWaterMark: Int = 1 << 20,
        keyspace: KeyspaceConfiguration = KeyspaceConfiguration()
    ) {
        self.keyspace = keyspace
        self.host = host
        self.port = port
        self.maxclients = maxclients
        self.limits = limits
        self.maxQueryBufferLength = maxQueryBufferLength
        self.outputHighWaterMark = outputHighWaterMark
    }

    /// Whether `host` only accepts connections from this machine: `localhost`, or an IP address in
    /// 127.0.0.0/8 or ::1. The address is parsed, not matched as text, so a host name such as
    /// `127.evil.example` is not loopback.
    public var isLoopback: Bool {
        host.lowercased() == "localhost" || IPAddressText.isLoopback(host)
    }

    /// Whether `host` is an IP address (or `localhost`) rather than a name to resolve.
    public var isIPAddress: Bool {
        host.lowercased() == "localhost" || IPAddressText.bytes(host) != nil
    }
}
