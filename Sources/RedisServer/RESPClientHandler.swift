import NIOCore
import RESP

/// One request written by `RESPClient`: encoded commands and the promises for their replies.
struct RESPClientRequest: Sendable {
    var bytes: ByteBuffer
    var replies: [EventLoopPromise<RESPValue>]
}

/// Matches replies to requests in order (RESP answers in order); RESP3 push messages are dropped.
final class RESPClientHandler: ChannelDuplexHandler {
    typealias InboundIn = RESPValue
    typealias OutboundIn = RESPClientRequest
    typealias OutboundOut = ByteBuffer

    private var waiting = CircularBuffer<EventLoopPromise<RESPValue>>()

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let request = unwrapOutboundIn(data)
        guard context.channel.isActive else {
            for reply in request.replies { reply.fail(RESPClientError.connectionClosed) }
            promise?.fail(RESPClientError.connectionClosed)
            return
        }
        waiting.append(contentsOf: request.replies)
        context.write(wrapOutboundOut(request.bytes), promise: promise)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let value = unwrapInboundIn(data)
        if case .push = value { return }
        waiting.popFirst()?.succeed(value)
    }

    func channelInactive(context: ChannelHandlerContext) {
        failAll(RESPClientError.connectionClosed)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        failAll(error)
        context.close(promise: nil)
    }

    private func failAll(_ error: Error) {
        while let reply = waiting.popFirst() { reply.fail(error) }
    }
}
