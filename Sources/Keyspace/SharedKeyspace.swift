import Clocks
import NIOCore
import RESP
import Synchronization

/// A `Keyspace` behind a lock, for in-process users (the REPL, labs, tests) that may call from
/// any thread. As a `RESPCommandSender` it runs each command on one session of its own and
/// decodes the reply, so code written against a network client runs unchanged in process.
public final class SharedKeyspace: RESPCommandSender, @unchecked Sendable {
    private let keyspace: Keyspace
    private let session: ClientSession
    private let lock = Mutex<Void>(())

    public init(_ keyspace: Keyspace = Keyspace()) {
        self.keyspace = keyspace
        self.session = keyspace.makeSession()
    }

    public convenience init(
        configuration: KeyspaceConfiguration, clock: any WallClock = SystemClock(), seed: UInt64 = 0x5EED_CAFE
    ) {
        self.init(Keyspace(configuration: configuration, clock: clock, seed: seed))
    }

    /// Runs `body` with exclusive access to the keyspace (a server sharing it calls through here).
    public func withKeyspace<T>(_ body: (Keyspace) throws -> T) rethrows -> T {
        try lock.withLock { _ in try body(keyspace) }
    }

    /// Runs one command on this sender's own session and returns the raw reply bytes.
    public func executeRaw(_ arguments: [String]) -> ByteBuffer {
        let argv = arguments.map { ByteBuffer(string: $0) }
        var reply = ByteBuffer()
        lock.withLock { _ in keyspace.execute(argv, session: session, into: &reply) }
        return reply
    }

    /// Runs one command synchronously and decodes its reply.
    public func execute(_ arguments: [String]) throws -> RESPValue {
        var reply = executeRaw(arguments)
        return try RESPReplyParser.parse(&reply)
    }

    /// Runs one active-expiry cycle; in-process owners call this periodically (as the server does
    /// about ten times a second) so expired keys disappear without being read.
    public func activeExpireCycle() {
        lock.withLock { _ in keyspace.activeExpireCycle() }
    }

    public func send(_ arguments: [String]) async throws -> RESPValue {
        try execute(arguments)
    }

    /// Runs one command whose arguments are bytes (a FLOAT32 vector blob is not text) and decodes its reply.
    public func execute(bytes arguments: [[UInt8]]) throws -> RESPValue {
        let argv = arguments.map { ByteBuffer(bytes: $0) }
        var reply = ByteBuffer()
        lock.withLock { _ in keyspace.execute(argv, session: session, into: &reply) }
        return try RESPReplyParser.parse(&reply)
    }

    public func sendRaw(_ commands: [[[UInt8]]]) async throws -> [RESPValue] {
        try commands.map { try execute(bytes: $0) }
    }
}
