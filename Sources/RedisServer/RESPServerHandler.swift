import NIOCore
import RESP

/// One client connection: parses commands straight from the inbound bytes, runs them on the
/// executor, and queues the replies in order; they are flushed once per read burst
/// (`channelReadComplete`). When the client stops reading its replies, the handler stops
/// reading its requests (back pressure), so a slow or hostile client only stalls itself.
final class RESPServerHandler<Executor: RedisCommandExecutor>: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let executor: Executor
    private let statistics: ConnectionStatistics
    private let configuration: RedisServerConfiguration
    private var session: Executor.Session?
    private var parser: RESPCommandParser
    /// Bytes received but not yet parsed into complete commands.
    private var inbound: ByteBuffer?
    /// Replies not yet handed to the channel.
    private var outbound: ByteBuffer?
    private var closing = false
    private var counted = false
    /// A `read` held back while the channel is not writable.
    private var readPending = false
    /// Set while the client waits on a blocking command: its later commands wait in `inbound`.
    private var blocked = false
    private var blockTimeout: Scheduled<Void>?

    init(executor: Executor, statistics: ConnectionStatistics, configuration: RedisServerConfiguration) {
        self.executor = executor
        self.statistics = statistics
        self.configuration = configuration
        self.parser = RESPCommandParser(limits: configuration.limits)
    }

    func channelActive(context: ChannelHandlerContext) {
        statistics.totalConnectionsReceived += 1
        if statistics.connectedClients >= configuration.maxclients {
            statistics.rejectedConnections += 1
            closing = true
            var reply = context.channel.allocator.buffer(capacity: 40)
            reply.writeString("-ERR max number of clients reached\r\n")
            closeAfterWriting(reply, context: context)
            return
        }
        if !executor.requiresPassword(), !IPAddressText.isLocalClient(context.channel.remoteAddress?.ipAddress ?? "") {
            statistics.rejectedConnections += 1
            closing = true
            var reply = context.channel.allocator.buffer(capacity: ProtectedMode.denial.utf8.count)
            reply.writeString(ProtectedMode.denial)
            closeAfterWriting(reply, context: context)
            return
        }
        counted = true
        statistics.connectedClients += 1
        let session = executor.makeSession()
        self.session = session
        let loop = context.eventLoop
        let target = NIOLoopBound((handler: self, context: context), eventLoop: loop)
        executor.setDelivery(for: session) { bytes in
            loop.execute { target.value.handler.deliver(bytes, context: target.value.context) }
        }
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        if counted {
            counted = false
            statistics.connectedClients -= 1
        }
        if let session {
            executor.closeSession(session)
            self.session = nil
        }
        blockTimeout?.cancel()
        blockTimeout = nil
        inbound = nil
        outbound = nil
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !closing else { return }
        var incoming = unwrapInboundIn(data)
        if blocked {
            var pending = inbound ?? context.channel.allocator.buffer(capacity: incoming.readableBytes)
            pending.writeBuffer(&incoming)
            inbound = pending
            if pending.readableBytes > configuration.maxQueryBufferLength {
                closing = true
                context.close(promise: nil)
            }
            return
        }
        if var pending = inbound {
            inbound = nil
            pending.writeBuffer(&incoming)
            process(context: context, buffer: &pending)
        } else {
            process(context: context, buffer: &incoming)
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        flushReplies(context: context)
        context.fireChannelReadComplete()
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable {
            if !blocked, var pending = inbound, !closing {
                inbound = nil
                process(context: context, buffer: &pending)
                flushReplies(context: context)
            }
            if readPending && context.channel.isWritable {
                readPending = false
                context.read()
            }
        }
        context.fireChannelWritabilityChanged()
    }

    func read(context: ChannelHandlerContext) {
        if context.channel.isWritable {
            context.read()
        } else {
            readPending = true
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        context.close(promise: nil)
    }

    /// Runs every complete command in `buffer`, stopping early when the client is not taking
    /// its replies; what is left waits in `inbound`.
    private func process(context: ChannelHandlerContext, buffer: inout ByteBuffer) {
        guard let session else { return }
        // CONFIG SET proto-max-bulk-len takes effect from the next batch of requests.
        self.parser.limits.maxBulkLength = executor.maxBulkLength() ?? configuration.limits.maxBulkLength
        var parser = RESPCommandParser(limits: configuration.limits)
        swap(&parser, &self.parser)
        defer { swap(&parser, &self.parser) }
        var reply = outbound ?? context.channel.allocator.buffer(capacity: 512)
        outbound = nil
        let executor = self.executor
        let highWaterMark = configuration.outputHighWaterMark
        var time: Int64?
        // One array for the batch's commands: the parser refills it, so no command allocates one.
        var argv: [ByteBuffer] = []
        while true {
            do {
                guard try parser.next(from: &buffer, into: &argv, authenticated: executor.isAuthenticated(session))
                else {
                    break
                }
            } catch {
                reply.writeBytes(error.replyBytes)
                closing = true
                break
            }
            let now = time ?? executor.batchTime()
            time = now
            let replyEnd = reply.writerIndex
            executor.execute(argv, session: session, into: &reply, time: now)
            if reply.writerIndex == replyEnd && executor.isBlocked(session) {
                startBlocking(session: session, context: context)
                break
            }
            if executor.shouldClose(session) {
                closing = true
                break
            }
            if reply.readableBytes >= highWaterMark {
                context.write(wrapOutboundOut(reply), promise: nil)
                reply = context.channel.allocator.buffer(capacity: 512)
                if !context.channel.isWritable {
                    context.flush()
                    break
                }
            }
        }
        if reply.readableBytes > 0 { outbound = reply }
        if closing {
            outbound = nil
            closeAfterWriting(reply, context: context)
            return
        }
        if buffer.readableBytes > 0 {
            if buffer.readableBytes > configuration.maxQueryBufferLength {
                closing = true
                context.close(promise: nil)
                return
            }
            if buffer.readerIndex > 65536 && buffer.readerIndex > buffer.capacity / 2 {
                buffer.discardReadBytes()
            }
            inbound = buffer
        }
    }

    /// The client waits on a blocking command: later commands wait until its reply is delivered,
    /// and its timeout is scheduled on the event loop (the keyspace checks it against its clock).
    private func startBlocking(session: Executor.Session, context: ChannelHandlerContext) {
        blocked = true
        guard let remaining = executor.blockedTimeRemaining(session) else { return }
        let executor = self.executor
        blockTimeout = context.eventLoop.assumeIsolated().scheduleTask(in: .milliseconds(remaining + 1)) {
            executor.timeOutBlockedClients()
        }
    }

    /// Bytes the keyspace sends outside the request/reply flow: a blocked command's reply (the
    /// client then runs the commands it sent meanwhile) or a pub/sub message.
    private func deliver(_ bytes: ByteBuffer, context: ChannelHandlerContext) {
        guard let session, !closing else { return }
        var bytes = bytes
        var reply = outbound ?? context.channel.allocator.buffer(capacity: bytes.readableBytes)
        reply.writeBuffer(&bytes)
        outbound = reply
        if blocked && !executor.isBlocked(session) {
            blocked = false
            blockTimeout?.cancel()
            blockTimeout = nil
            if var pending = inbound {
                inbound = nil
                process(context: context, buffer: &pending)
            }
        }
        flushReplies(context: context)
    }

    /// Writes the last replies, then closes once they have left (or failed to).
    private func closeAfterWriting(_ reply: ByteBuffer, context: ChannelHandlerContext) {
        context.writeAndFlush(wrapOutboundOut(reply)).assumeIsolated().whenComplete { _ in
            context.close(promise: nil)
        }
    }

    private func flushReplies(context: ChannelHandlerContext) {
        guard let reply = outbound else { return }
        outbound = nil
        context.writeAndFlush(wrapOutboundOut(reply), promise: nil)
    }
}
