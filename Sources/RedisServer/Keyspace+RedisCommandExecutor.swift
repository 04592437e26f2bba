import Foundation
import Keyspace
import NIOCore

extension Keyspace: RedisCommandExecutor {
    func batchTime() -> Int64 { currentMilliseconds() }

    func execute(_ argv: [ByteBuffer], session: ClientSession, into reply: inout ByteBuffer, time: Int64) {
        execute(argv, session: session, into: &reply, nowMilliseconds: time)
    }

    func isAuthenticated(_ session: ClientSession) -> Bool { session.authenticated }

    func shouldClose(_ session: ClientSession) -> Bool { session.shouldClose }

    func housekeeping() {
        activeExpireCycle()
        timeOutBlockedClients()
    }

    func setDelivery(for session: ClientSession, _ deliver: @escaping @Sendable (ByteBuffer) -> Void) {
        setDelivery(for: session, Optional(deliver))
    }

    func requiresPassword() -> Bool { configuration.requirepass != nil }

    func maxBulkLength() -> Int? { configuration.protoMaxBulkLength }

    func attach(_ statistics: ConnectionStatistics) {
        let processID = Int(ProcessInfo.processInfo.processIdentifier)
        let executable = CommandLine.arguments.first ?? ""
        serverInfo = {
            ServerInfoSnapshot(
                tcpPort: statistics.port,
                connectedClients: statistics.connectedClients,
                totalConnectionsReceived: statistics.totalConnectionsReceived,
                rejectedConnections: statistics.rejectedConnections,
                processID: processID,
                executable: executable
            )
        }
    }
}
