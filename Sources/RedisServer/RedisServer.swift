import Logging
import NIOCore
import NIOPosix
import RESP

/// A running Redis-compatible TCP server: one event loop that owns the keyspace and every
/// connection, so commands run without locks. Start it with `RedisServer.start`, stop it
/// with `shutdown()`.
public final class RedisServer: Sendable {
    /// The address the server is bound to.
    public let host: String
    /// The bound port (useful when the configuration asked for port 0).
    public let port: Int
    private let channel: any Channel
    private let group: MultiThreadedEventLoopGroup
    private let housekeeping: RepeatedTask
    private let logger: Logger

    private init(
        host: String, port: Int, channel: any Channel, group: MultiThreadedEventLoopGroup, housekeeping: RepeatedTask,
        logger: Logger
    ) {
        self.host = host
        self.port = port
        self.channel = channel
        self.group = group
        self.housekeeping = housekeeping
        self.logger = logger
    }

    /// Binds and starts serving `makeExecutor()`'s executor, which is created on the server's loop.
    static func start<Executor: RedisCommandExecutor>(
        configuration: RedisServerConfiguration,
        logger: Logger,
        makeExecutor: @escaping @Sendable () -> Executor
    ) async throws -> RedisServer {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let loop = group.next()
        do {
            let shared = try await loop.submit {
                NIOLoopBound(ServerContext(executor: makeExecutor()), eventLoop: loop)
            }.get()
            let highWaterMark = max(configuration.outputHighWaterMark, 2)
            let bootstrap = ServerBootstrap(group: loop)
                .serverChannelOption(.backlog, value: 511)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
                .childChannelOption(.writeBufferWaterMark, value: .init(low: highWaterMark / 2, high: highWaterMark))
                .childChannelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        let context = shared.value
                        let handler = RESPServerHandler(
                            executor: context.executor,
                            statistics: context.statistics,
                            configuration: configuration
                        )
                        try channel.pipeline.syncOperations.addHandler(handler)
                    }
                }
            let channel = try await bootstrap.bind(host: configuration.host, port: configuration.port).get()
            let port = channel.localAddress?.port ?? configuration.port
            try await loop.submit {
                let context = shared.value
                context.statistics.port = port
                context.executor.attach(context.statistics)
            }.get()
            let housekeeping = loop.scheduleRepeatedTask(initialDelay: .milliseconds(100), delay: .milliseconds(100)) {
                _ in
                shared.value.executor.housekeeping()
            }
            logger.info(
                "redis-server ready to accept connections",
                metadata: [
                    "host": "\(configuration.host)", "port": "\(port)", "maxclients": "\(configuration.maxclients)",
                ]
            )
            return RedisServer(
                host: configuration.host, port: port, channel: channel, group: group, housekeeping: housekeeping,
                logger: logger)
        } catch {
            try? await group.shutdownGracefully()
            throw RedisServerError.cannotBind(host: configuration.host, port: configuration.port, reason: "\(error)")
        }
    }

    /// Stops listening, closes every connection and releases the event loop.
    public func shutdown() async throws {
        housekeeping.cancel()
        try? await channel.close()
        try await group.shutdownGracefully()
        logger.info("redis-server stopped", metadata: ["host": "\(host)", "port": "\(port)"])
    }
}

/// What every connection on the loop shares.
final class ServerContext<Executor: RedisCommandExecutor> {
    let executor: Executor
    let statistics = ConnectionStatistics(port: 0)

    init(executor: Executor) {
        self.executor = executor
    }
}
