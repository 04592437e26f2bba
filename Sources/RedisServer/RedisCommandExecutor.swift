import NIOCore

/// What the server runs commands on: `Keyspace` in production, small executors in tests.
/// Every call happens on the server's one event loop.
protocol RedisCommandExecutor: AnyObject, SendableMetatype {
    associatedtype Session: AnyObject

    /// A new per-connection session.
    func makeSession() -> Session
    /// The connection of `session` closed.
    func closeSession(_ session: Session)
    /// The time commands of one pipelined batch run at (read once per batch, like Redis's
    /// cached command time), in the executor's own units.
    func batchTime() -> Int64
    /// Runs one command at `time` and writes exactly one complete reply into `reply`, or none when
    /// the command blocked the client (`isBlocked`): its reply then comes through the delivery.
    func execute(_ argv: [ByteBuffer], session: Session, into reply: inout ByteBuffer, time: Int64)
    /// Whether the client has authenticated (Redis applies tighter request limits until then).
    func isAuthenticated(_ session: Session) -> Bool
    /// Whether the connection should close once its replies are written (after `QUIT`).
    func shouldClose(_ session: Session) -> Bool
    /// Periodic housekeeping (active expiry), called about ten times a second.
    func housekeeping()
    /// Lets the executor report the server's connection statistics (`INFO clients`).
    func attach(_ statistics: ConnectionStatistics)
    /// Whether clients must authenticate right now. Without a password, protected mode admits only
    /// clients at 127.0.0.1 or ::1, checked as each connection is accepted (as Redis 7 does).
    func requiresPassword() -> Bool
    /// The current `proto-max-bulk-len`, which bounds request bulks; nil keeps the configured limit.
    func maxBulkLength() -> Int?
    /// Installs how bytes reach the client outside its request/reply flow (a blocked command's
    /// reply, pub/sub messages); `deliver` may be called from any thread.
    func setDelivery(for session: Session, _ deliver: @escaping @Sendable (ByteBuffer) -> Void)
    /// Whether the client waits on a blocking command (BLPOP…); its later commands wait too.
    func isBlocked(_ session: Session) -> Bool
    /// Milliseconds until a blocked client times out; nil for none.
    func blockedTimeRemaining(_ session: Session) -> Int64?
    /// Answers the blocked clients whose timeout has passed.
    func timeOutBlockedClients()
}

extension RedisCommandExecutor {
    /// Executors without a password setting (test doubles) leave protected mode to the bind check at start.
    func requiresPassword() -> Bool { true }
    /// Executors without `CONFIG SET proto-max-bulk-len` keep the server's configured limit.
    func maxBulkLength() -> Int? { nil }
    /// Executors without blocking commands or pub/sub never deliver out of band.
    func setDelivery(for session: Session, _ deliver: @escaping @Sendable (ByteBuffer) -> Void) {}
    func isBlocked(_ session: Session) -> Bool { false }
    func blockedTimeRemaining(_ session: Session) -> Int64? { nil }
    func timeOutBlockedClients() {}
}

/// Connection facts only the network server knows, read by `INFO`. Owned by the event loop.
final class ConnectionStatistics {
    var port: Int
    var connectedClients = 0
    var totalConnectionsReceived = 0
    var rejectedConnections = 0

    init(port: Int) {
        self.port = port
    }
}
