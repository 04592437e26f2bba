import RESP

/// Hands out a connection for the exclusive use of one caller at a time. WATCH and
/// MULTI are per-connection state, so each concurrent limiter call needs its own.
public protocol RESPConnectionSource: Sendable {
    /// Runs `body` with a connection no other caller uses meanwhile.
    func withConnection<T: Sendable>(_ body: (any RESPCommandSender) async throws -> T) async throws -> T
}

/// A bounded pool of connections opened on demand by `connect`. A connection whose
/// call threw is dropped rather than reused, since it may be left inside a transaction.
public actor RESPConnectionPool: RESPConnectionSource {
    private let connect: @Sendable () async throws -> any RESPCommandSender
    private let maximum: Int
    private var idle: [any RESPCommandSender] = []
    private var open = 0
    private var waiters: [CheckedContinuation<Void, Never>] = []

    /// At most `maximumConnections` connections, each opened by `connect`. Every call of
    /// `connect` must return a distinct connection (session); an in-process sender that is
    /// one session belongs in a pool of one.
    public init(maximumConnections: Int = 8, connect: @escaping @Sendable () async throws -> any RESPCommandSender) {
        self.maximum = max(1, maximumConnections)
        self.connect = connect
    }

    public nonisolated func withConnection<T: Sendable>(
        _ body: (any RESPCommandSender) async throws -> T
    ) async throws -> T {
        let connection = try await checkOut()
        do {
            let value = try await body(connection)
            await checkIn(connection, reusable: true)
            return value
        } catch {
            await checkIn(connection, reusable: false)
            throw error
        }
    }

    private func checkOut() async throws -> any RESPCommandSender {
        while true {
            if let connection = idle.popLast() { return connection }
            if open < maximum {
                open += 1
                do {
                    return try await connect()
                } catch {
                    open -= 1
                    wakeOne()
                    throw error
                }
            }
            await withCheckedContinuation { waiters.append($0) }
        }
    }

    private func checkIn(_ connection: any RESPCommandSender, reusable: Bool) {
        if reusable {
            idle.append(connection)
        } else {
            open -= 1
        }
        wakeOne()
    }

    private func wakeOne() {
        if !waiters.isEmpty { waiters.removeFirst().resume() }
    }
}
