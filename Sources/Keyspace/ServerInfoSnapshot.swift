/// Facts only the network server knows, reported by `INFO` (server and clients sections).
public struct ServerInfoSnapshot: Sendable {
    public var tcpPort: Int
    public var connectedClients: Int
    public var totalConnectionsReceived: Int
    public var rejectedConnections: Int
    public var processID: Int
    public var executable: String

    public init(
        tcpPort: Int = 0,
        connectedClients: Int = 0,
        totalConnectionsReceived: Int = 0,
        rejectedConnections: Int = 0,
        processID: Int = 0,
        executable: String = ""
    ) {
        self.tcpPort = tcpPort
        self.connectedClients = connectedClients
        self.totalConnectionsReceived = totalConnectionsReceived
        self.rejectedConnections = rejectedConnections
        self.processID = processID
        self.executable = executable
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
