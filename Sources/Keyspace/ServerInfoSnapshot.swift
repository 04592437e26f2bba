/// Facts only the network server knows, reported by `INFO` (server and clients sections).
public struct ServerInfoSnapshot: Sendable {
    /// The port the server listens on (`tcp_port`).
    public var tcpPort: Int
    /// Open client connections (`connected_clients`).
    public var connectedClients: Int
    /// Connections accepted since start (`total_connections_received`).
    public var totalConnectionsReceived: Int
    /// Connections refused, e.g. over `maxclients` (`rejected_connections`).
    public var rejectedConnections: Int
    /// The server's process id (`process_id`).
    public var processID: Int
    /// The server binary's path (`executable`).
    public var executable: String
    /// The process's resident set size in bytes (`used_memory_rss`), 0 when unknown.
    public var residentMemory: Int

    public init(
        tcpPort: Int = 0,
        connectedClients: Int = 0,
        totalConnectionsReceived: Int = 0,
        rejectedConnections: Int = 0,
        processID: Int = 0,
        executable: String = "",
        residentMemory: Int = 0
    ) {
        self.tcpPort = tcpPort
        self.connectedClients = connectedClients
        self.totalConnectionsReceived = totalConnectionsReceived
        self.rejectedConnections = rejectedConnections
        self.processID = processID
        self.executable = executable
        self.residentMemory = residentMemory
    }
}

/// Counters `INFO stats` reports; `CONFIG RESETSTAT` zeroes them.
struct KeyspaceStats {
    var keyspaceHits = 0
    var keyspaceMisses = 0
    var expiredKeys = 0
    var evictedKeys = 0
    var commandsProcessed = 0
}
