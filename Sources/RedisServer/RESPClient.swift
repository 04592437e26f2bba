import NIOCore
import NIOPosix
import RESP

/// An async Redis client for `redis://` URLs, speaking to `archlab redis-server` or a real
/// Redis. On connect it authenticates (`HELLO 3 AUTH …` for RESP3, else `AUTH`) and selects
/// the URL's database. Commands may be issued concurrently; they are pipelined on one
/// connection and answered in the order they were sent.
public final class RESPClient: RESPCommandSender {
    /// The protocol spoken after the handshake.
    public let protocolVersion: RESPVersion
    private let channel: any Channel

    private init(channel: any Channel, protocolVersion: RESPVersion) {
        self.channel = channel
        self.protocolVersion = protocolVersion
    }

    /// Connects to `url` (`redis://[user:password@]host[:port][/db]`).
    public static func connect(
        to url: String,
        protocolVersion: RESPVersion = .v2,
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) async throws -> RESPClient {
        try await connect(to: RedisURL(parsing: url), protocolVersion: protocolVersion, group: group)
    }

    /// Connects to `url`, authenticating and selecting its database.
    public static func connect(
        to url: RedisURL,
        protocolVersion: RESPVersion = .v2,
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) async throws -> RESPClient {
        let channel = try await ClientBootstrap(group: group)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(RESPValueDecoder()))
                    try channel.pipeline.syncOperations.addHandler(RESPClientHandler())
                }
            }
            .connect(host: url.host, port: url.port)
            .get()
        let client = RESPClient(channel: channel, protocolVersion: protocolVersion)
        do {
            try await client.handshake(url)
        } catch {
            try? await client.close()
            throw error
        }
        return client
    }

    private func handshake(_ url: RedisURL) async throws {
        var commands: [[String]] = []
        if protocolVersion == .v3 {
            var hello = ["HELLO", "3"]
            if let password = url.password { hello += ["AUTH", url.username ?? "default", password] }
            commands.append(hello)
        } else if let password = url.password {
            commands.append(url.username.map { ["AUTH", $0, password] } ?? ["AUTH", password])
        }
        if url.database != 0 { commands.append(["SELECT", String(url.database)]) }
        guard !commands.isEmpty else { return }
        let replies = try await pipeline(commands)
        for (command, reply) in zip(commands, replies) {
            if case .error(let message) = reply {
                throw RESPClientError.handshakeFailed(command: command[0], reply: message)
            }
        }
    }

    /// Sends one command and returns its reply; error replies come back as `.error`.
    public func send(_ arguments: [String]) async throws -> RESPValue {
        try await sendRaw([arguments.map { Array($0.utf8) }])[0]
    }

    /// Sends commands with binary arguments in one write and returns their replies in order.
    public func sendRaw(_ commands: [[[UInt8]]]) async throws -> [RESPValue] {
        var bytes = channel.allocator.buffer(capacity: 64 * commands.count)
        for command in commands {
            bytes.writeRESPArrayHeader(command.count)
            for argument in command { bytes.writeRESPBulk(argument) }
        }
        let promises = commands.map { _ in channel.eventLoop.makePromise(of: RESPValue.self) }
        let written = channel.eventLoop.makePromise(of: Void.self)
        written.futureResult.whenFailure { error in
            for promise in promises { promise.fail(error) }
        }
        channel.writeAndFlush(RESPClientRequest(bytes: bytes, replies: promises), promise: written)
        var replies: [RESPValue] = []
        replies.reserveCapacity(promises.count)
        for promise in promises { replies.append(try await promise.futureResult.get()) }
        return replies
    }

    /// Sends several commands in one write (pipelining) and returns their replies in order.
    public func pipeline(_ commands: [[String]]) async throws -> [RESPValue] {
        try await sendRaw(commands.map { $0.map { Array($0.utf8) } })
    }

    /// False once the connection closed (by either side).
    public var isOpen: Bool { channel.isActive }

    /// Closes the connection; pending commands fail with `RESPClientError.connectionClosed`.
    public func close() async throws {
        try await channel.close()
    }
}
