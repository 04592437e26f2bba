import NIOCore
import RESP

extension Keyspace {
    /// Commands of a subscribed or silenced client (`ClientSession.gated`): RESP2 subscribed mode
    /// allows only the pub/sub commands, PING and QUIT; with CLIENT REPLY OFF or SKIP the command
    /// runs here and its reply is dropped, except pub/sub confirmations, which Redis always sends.
    /// Returns true when `execute` should go on and run the command itself.
    func gate(_ spec: CommandSpec, _ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) -> Bool {
        if s.subscribed && s.protocolVersion == .v2 && !allowedWhileSubscribed(spec, argv, s, &out) {
            return false
        }
        guard s.replyMode != .on else { return true }
        let mark = out.writerIndex
        if s.replyMode == .skipNext { s.replyMode = .skipping }
        if s.inMulti && !spec.flags.contains(.transactionControl) {
            s.multiQueue.append(argv)
            out.writeRESPSimpleString("QUEUED")
        } else {
            run(spec, argv, s, &out)
            if !blocking.ready.isEmpty { serveBlockedClients() }
            if configuration.maxmemory > 0 && spec.flags.contains(.write) { evictIfNeeded() }
        }
        let pushes = spec.id == .subscribe || spec.id == .psubscribe || spec.id == .unsubscribe
            || spec.id == .punsubscribe
        if (s.replyMode == .off || s.replyMode == .skipping) && !pushes {
            out.moveWriterIndex(to: mark)
        }
        if s.replyMode == .skipping { s.replyMode = .on }
        return false
    }

    /// CLIENT REPLY ON|OFF|SKIP: only ON answers (OK).
    func clientReply(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        let mode = argv[2]
        if mode.equalsIgnoringCase("on") {
            s.replyMode = .on
            out.writeRESPSimpleString("OK")
        } else if mode.equalsIgnoringCase("off") {
            s.replyMode = .off
        } else if mode.equalsIgnoringCase("skip") {
            if s.replyMode != .off { s.replyMode = .skipNext }
        } else {
            out.writeRESPError(Self.syntaxError)
        }
    }
}
