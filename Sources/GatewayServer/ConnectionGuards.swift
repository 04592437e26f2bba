import NIOCore
import NIOHTTP1
import Synchronization

/// The deadlines of one HTTP connection, shared by the two handlers that watch it: a client has
/// `headerTimeout` to send a whole request, head and body (counted from connecting, and on a kept-alive connection
/// from the first byte of its next request), so neither a trickled head nor a trickled body holds a connection;
/// it may sit idle between requests for `idleTimeout`; past either, the connection is closed. While a request is
/// being answered (a slow or streamed reply) no deadline runs.
/// Lives on the channel's event loop.
final class ConnectionDeadlines {
    private enum State {
        /// Connected or between requests, no byte of the next request yet.
        case waiting
        /// Bytes of a request have arrived, the request (head and body) is not complete.
        case readingHead
        /// A whole request was read; its answer is not finished.
        case answering
    }

    private let headerTimeout: TimeAmount
    private let idleTimeout: TimeAmount
    private var state = State.waiting
    private var deadline: Scheduled<Void>?

    init(headerTimeout: Double, idleTimeout: Double) {
        self.headerTimeout = Self.amount(headerTimeout)
        self.idleTimeout = Self.amount(idleTimeout)
    }

    private static func amount(_ seconds: Double) -> TimeAmount {
        .nanoseconds(Int64(max(seconds, 0.001) * 1_000_000_000))
    }

    /// A new connection: its first request head must arrive within the header timeout.
    func connected(_ channel: any Channel) {
        state = .waiting
        arm(headerTimeout, channel)
    }

    /// Raw bytes arrived: the first byte of a request after an idle wait starts the header clock.
    func bytesArrived(_ channel: any Channel) {
        guard state == .waiting else { return }
        state = .readingHead
        arm(headerTimeout, channel)
    }

    /// A whole request was read: no deadline while it is answered.
    func requestRead() {
        state = .answering
        deadline?.cancel()
        deadline = nil
    }

    /// The answer is complete: the connection may now wait for its next request for the idle timeout.
    func answered(_ channel: any Channel) {
        guard state == .answering else { return }
        state = .waiting
        arm(idleTimeout, channel)
    }

    func closed() {
        deadline?.cancel()
        deadline = nil
    }

    private func arm(_ delay: TimeAmount, _ channel: any Channel) {
        deadline?.cancel()
        deadline = channel.eventLoop.scheduleTask(in: delay) {
            channel.close(promise: nil)
        }
    }
}

/// First in the pipeline, before the HTTP decoder: sees every byte, so a request that is trickling in is told
/// apart from an idle connection.
final class RequestBytesWatcher: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private let deadlines: ConnectionDeadlines

    init(_ deadlines: ConnectionDeadlines) {
        self.deadlines = deadlines
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { deadlines.connected(context.channel) }
    }

    func channelActive(context: ChannelHandlerContext) {
        deadlines.connected(context.channel)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        deadlines.bytesArrived(context.channel)
        context.fireChannelRead(data)
    }

    func channelInactive(context: ChannelHandlerContext) {
        deadlines.closed()
        context.fireChannelInactive()
    }
}

/// After the HTTP decoder: the end of a decoded request stops the header clock, the end of a response starts the
/// idle one.
final class RequestProgressWatcher: ChannelDuplexHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    private let deadlines: ConnectionDeadlines

    init(_ deadlines: ConnectionDeadlines) {
        self.deadlines = deadlines
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .end = unwrapInboundIn(data) { deadlines.requestRead() }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) { deadlines.answered(context.channel) }
        context.write(data, promise: promise)
    }
}

/// Closes a connection over `--max-connections` as soon as it is active, before it is read.
final class RefusedConnectionCloser: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { context.close(promise: nil) }
    }

    func channelActive(context: ChannelHandlerContext) {
        context.close(promise: nil)
    }
}

/// How many connections are open, against the configured maximum.
final class ConnectionCount: Sendable {
    private let open = Mutex(0)
    let maximum: Int

    init(maximum: Int) {
        self.maximum = maximum
    }

    /// Counts a new connection in; false (and not counted) when the maximum is reached.
    func admit() -> Bool {
        open.withLock { count in
            guard count < maximum else { return false }
            count += 1
            return true
        }
    }

    func release() {
        open.withLock { $0 -= 1 }
    }
}
