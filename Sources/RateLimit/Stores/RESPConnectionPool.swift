import RESP
import Synchronization

/// Hands out a connection for the exclusive use of one caller at a time. WATCH and
/// MULTI are per-connection state, so each concurrent limiter call needs its own.
public protocol RESPConnectionSource: Sendable {
    /// Runs `body` with a connection no other caller uses meanwhile.
    func withConnection<T: Sendable>(_ body: (any RESPCommandSender) async throws -> T) async throws -> T
}

/// A bounded pool of connections opened on demand by `connect`. A connection whose
/// call threw is dropped rather than reused, since it may be left inside a transaction;
/// the next caller opens a new one, so the pool recovers by itself when a server that was
/// down comes back. Checking a connection out and in takes a lock, not an actor hop: on the
/// limiter's hot path the pool costs nanoseconds next to the round trip.
public final class RESPConnectionPool: RESPConnectionSource {
    private struct State: ~Copyable {
        var idle: [any RESPCommandSender] = []
        var open = 0
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private let connect: @Sendable () async throws -> any RESPCommandSender
    private let maximum: Int
    private let state = Mutex(State())

    /// At most `maximumConnections` connections, each opened by `connect`. Every call of
    /// `connect` must return a distinct connection (session); an in-process sender that is
    /// one session belongs in a pool of one.
    public init(maximumConnections: Int = 8, connect: @escaping @Sendable () async throws -> any RESPCommandSender) {
        self.maximum = max(1, maximumConnections)
        self.connect = connect
    }

    public func withConnection<T: Sendable>(
        _ body: (any RESPCommandSender) async throws -> T
    ) async throws -> T {
        let connection = try await checkOut()
        do {
            let value = try await body(connection)
            checkIn(connection, reusable: true)
            return value
        } catch {
            checkIn(connection, reusable: false)
            throw error
        }
    }

    private enum Step: Sendable {
        case use(any RESPCommandSender)
        case open
        case wait
    }

    private func checkOut() async throws -> any RESPCommandSender {
        while true {
            let step: Step = state.withLock { state in
                // A connection the server closed meanwhile (it restarted) is dropped, not handed out.
                while let connection = state.idle.popLast() {
                    if connection.isOpen { return .use(connection) }
                    state.open -= 1
                }
                if state.open < maximum {
                    state.open += 1
                    return .open
                }
                return .wait
            }
            switch step {
            case .use(let connection):
                return connection
            case .open:
                do {
                    return try await connect()
                } catch {
                    let waiter = state.withLock { state in
                        state.open -= 1
                        return state.waiters.isEmpty ? nil : state.waiters.removeFirst()
                    }
                    waiter?.resume()
                    throw error
                }
            case .wait:
                await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                    let ready = state.withLock { state in
                        if !state.idle.isEmpty || state.open < maximum { return true }
                        state.waiters.append(continuation)
                        return false
                    }
                    if ready { continuation.resume() }
                }
            }
        }
    }

    private func checkIn(_ connection: any RESPCommandSender, reusable: Bool) {
        let waiter = state.withLock { state in
            if reusable {
                state.idle.append(connection)
            } else {
                state.open -= 1
            }
            return state.waiters.isEmpty ? nil : state.waiters.removeFirst()
        }
        waiter?.resume()
    }
}

/// One `RESPCommandSender` over a pool: every command (or pipeline) borrows a connection for
/// its round trip. A command that fails for I/O drops its connection, and the next one
/// reconnects, so caches on a server that restarted recover without a restart of their own.
public final class RESPPooledSender: RESPCommandSender {
    public let connections: any RESPConnectionSource

    public init(_ connections: any RESPConnectionSource) {
        self.connections = connections
    }

    public func send(_ arguments: [String]) async throws -> RESPValue {
        try await connections.withConnection { try await $0.send(arguments) }
    }

    public func pipeline(_ commands: [[String]]) async throws -> [RESPValue] {
        try await connections.withConnection { try await $0.pipeline(commands) }
    }

    public func sendRaw(_ commands: [[[UInt8]]]) async throws -> [RESPValue] {
        try await connections.withConnection { try await $0.sendRaw(commands) }
    }
}
