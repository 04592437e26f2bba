import NIOCore
import NIOPosix

/// A bare TCP connection for tests: writes raw bytes and collects whatever comes back.
final class RawConnection: Sendable {
    private let channel: any Channel
    private let collector: NIOLoopBound<Collector>

    private final class Collector: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        var received = ByteBuffer()
        let closed: EventLoopPromise<Void>
        init(closed: EventLoopPromise<Void>) { self.closed = closed }
        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            var buffer = unwrapInboundIn(data)
            received.writeBuffer(&buffer)
        }
        func channelInactive(context: ChannelHandlerContext) { closed.succeed(()) }
        func errorCaught(context: ChannelHandlerContext, error: Error) { context.close(promise: nil) }
    }

    private init(channel: any Channel, collector: NIOLoopBound<Collector>) {
        self.channel = channel
        self.collector = collector
    }

    static func connect(port: Int) async throws -> RawConnection {
        let loop = MultiThreadedEventLoopGroup.singleton.next()
        let channel = try await ClientBootstrap(group: loop)
            .channelOption(.allowRemoteHalfClosure, value: false)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(Collector(closed: channel.eventLoop.makePromise()))
                }
            }
            .connect(host: "127.0.0.1", port: port).get()
        let handler = try await loop.submit {
            NIOLoopBound(try channel.pipeline.syncOperations.handler(type: Collector.self), eventLoop: loop)
        }.get()
        return RawConnection(channel: channel, collector: handler)
    }

    func send(_ bytes: [UInt8]) async throws {
        try await channel.writeAndFlush(ByteBuffer(bytes: bytes))
    }

    /// Waits until the server closes the connection and returns everything it sent.
    func readUntilClosed() async throws -> [UInt8] {
        let collector = self.collector
        try await channel.eventLoop.flatSubmit { collector.value.closed.futureResult }.get()
        return try await channel.eventLoop.submit { Array(collector.value.received.readableBytesView) }.get()
    }

    func close() async {
        try? await channel.close()
    }
}
