import Keyspace
import Logging
import NIOCore

extension RedisServer {
    /// Serves a keyspace that in-process code keeps using (the REPL's `redis` command), so a real
    /// `redis-cli` sees the same keys. Every command takes the shared keyspace's lock.
    public static func start(
        sharing keyspace: SharedKeyspace,
        configuration: RedisServerConfiguration,
        logger: Logger = Logger(label: "archlab.redis-server")
    ) async throws -> RedisServer {
        try await start(configuration: configuration, logger: logger) { SharedKeyspaceExecutor(keyspace) }
    }
}

/// Runs the server's commands on a `SharedKeyspace`, each under its lock.
final class SharedKeyspaceExecutor: RedisCommandExecutor {
    private let shared: SharedKeyspace

    init(_ shared: SharedKeyspace) {
        self.shared = shared
    }

    func makeSession() -> ClientSession {
        shared.withKeyspace { $0.makeSession() }
    }

    func closeSession(_ session: ClientSession) {
        shared.withKeyspace { $0.closeSession(session) }
    }

    func batchTime() -> Int64 {
        shared.withKeyspace { $0.currentMilliseconds() }
    }

    func execute(_ argv: [ByteBuffer], session: ClientSession, into reply: inout ByteBuffer, time: Int64) {
        shared.withKeyspace { $0.execute(argv, session: session, into: &reply, nowMilliseconds: time) }
    }

    func isAuthenticated(_ session: ClientSession) -> Bool {
        session.authenticated
    }

    func shouldClose(_ session: ClientSession) -> Bool {
        session.shouldClose
    }

    func housekeeping() {
        shared.withKeyspace { keyspace in
            keyspace.activeExpireCycle()
            keyspace.timeOutBlockedClients()
        }
    }

    func setDelivery(for session: ClientSession, _ deliver: @escaping @Sendable (ByteBuffer) -> Void) {
        shared.withKeyspace { $0.setDelivery(for: session, deliver) }
    }

    func isBlocked(_ session: ClientSession) -> Bool {
        shared.withKeyspace { $0.isBlocked(session) }
    }

    func blockedTimeRemaining(_ session: ClientSession) -> Int64? {
        shared.withKeyspace { $0.blockedTimeRemaining(session) }
    }

    func timeOutBlockedClients() {
        shared.withKeyspace { $0.timeOutBlockedClients() }
    }

    func requiresPassword() -> Bool {
        shared.withKeyspace { $0.configuration.requirepass != nil }
    }

    func maxBulkLength() -> Int? {
        shared.withKeyspace { $0.configuration.protoMaxBulkLength }
    }

    func attach(_ statistics: ConnectionStatistics) {
        let port = statistics.port
        shared.withKeyspace { keyspace in
            keyspace.serverInfo = { ServerInfoSnapshot(tcpPort: port) }
        }
    }
}
