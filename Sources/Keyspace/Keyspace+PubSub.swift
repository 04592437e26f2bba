import NIOCore
import RESP

extension Keyspace {
    /// A pub/sub message header: an array in RESP2, a push (`>`) in RESP3.
    func writePushHeader(_ count: Int, _ version: RESPVersion, _ out: inout ByteBuffer) {
        if version == .v3 {
            out.writeString(">\(count)\r\n")
        } else {
            out.writeRESPArrayHeader(count)
        }
    }

    /// The confirmation of (P)SUBSCRIBE/(P)UNSUBSCRIBE: kind, channel or pattern (null when an
    /// UNSUBSCRIBE without arguments found none) and the client's subscription count.
    private func writeSubscription(_ kind: String, _ name: KeyBytes?, _ s: ClientSession, _ out: inout ByteBuffer) {
        writePushHeader(3, s.protocolVersion, &out)
        out.writeRESPBulk(kind)
        if let name { out.writeRESPBulk(name) } else { out.writeRESPNullBulk(s.protocolVersion) }
        out.writeRESPInteger(Int64(s.channels.count + s.patterns.count))
    }

    func subscribe(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        for arg in argv.dropFirst() {
            let channel = KeyBytes(arg)
            if s.channels.insert(channel) { pubsub.subscribe(s, channel: channel) }
            writeSubscription("subscribe", channel, s, &out)
        }
        s.subscribed = true
    }

    func psubscribe(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        for arg in argv.dropFirst() {
            let pattern = KeyBytes(arg)
            if s.patterns.insert(pattern) { pubsub.subscribe(s, pattern: pattern) }
            writeSubscription("psubscribe", pattern, s, &out)
        }
        s.subscribed = true
    }

    func unsubscribe(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        let names = argv.count > 1 ? argv.dropFirst().map { KeyBytes($0) } : s.channels.order
        if names.isEmpty { writeSubscription("unsubscribe", nil, s, &out) }
        for channel in names {
            if s.channels.remove(channel) { pubsub.unsubscribe(s, channel: channel) }
            writeSubscription("unsubscribe", channel, s, &out)
        }
        s.subscribed = !(s.channels.isEmpty && s.patterns.isEmpty)
    }

    func punsubscribe(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        let names = argv.count > 1 ? argv.dropFirst().map { KeyBytes($0) } : s.patterns.order
        if names.isEmpty { writeSubscription("punsubscribe", nil, s, &out) }
        for pattern in names {
            if s.patterns.remove(pattern) { pubsub.unsubscribe(s, pattern: pattern) }
            writeSubscription("punsubscribe", pattern, s, &out)
        }
        s.subscribed = !(s.channels.isEmpty && s.patterns.isEmpty)
    }

    /// Sends `message` to the channel's subscribers, then to the clients of every matching pattern;
    /// returns how many received it. A RESP3 client publishing to itself gets the message before
    /// PUBLISH's reply, in `out`.
    func publish(_ channel: KeyBytes, _ message: KeyBytes, from s: ClientSession?, _ out: inout ByteBuffer) -> Int {
        var receivers = 0
        for target in pubsub.channels[channel] ?? [] {
            var buffer = ByteBuffer()
            writePushHeader(3, target.protocolVersion, &buffer)
            buffer.writeRESPBulk("message")
            buffer.writeRESPBulk(channel)
            buffer.writeRESPBulk(message)
            send(buffer, to: target, from: s, &out)
            receivers += 1
        }
        if pubsub.patternOrder.isEmpty { return receivers }
        let text = Array(channel)
        for pattern in pubsub.patternOrder where globMatch(Array(pattern), text) {
            for target in pubsub.patterns[pattern] ?? [] {
                var buffer = ByteBuffer()
                writePushHeader(4, target.protocolVersion, &buffer)
                buffer.writeRESPBulk("pmessage")
                buffer.writeRESPBulk(pattern)
                buffer.writeRESPBulk(channel)
                buffer.writeRESPBulk(message)
                send(buffer, to: target, from: s, &out)
                receivers += 1
            }
        }
        return receivers
    }

    private func send(_ buffer: ByteBuffer, to target: ClientSession, from s: ClientSession?, _ out: inout ByteBuffer) {
        if target === s {
            out.writeImmutableBuffer(buffer)
        } else {
            target.deliver?(buffer)
        }
    }

    /// RESP2 clients with subscriptions may only (un)subscribe, PING and QUIT. Writes PING's
    /// subscribed-mode reply or the refusal and returns false; true lets the command run.
    func allowedWhileSubscribed(
        _ spec: CommandSpec, _ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer
    ) -> Bool {
        switch spec.id {
        case .subscribe, .psubscribe, .unsubscribe, .punsubscribe, .quit:
            return true
        case .ping:
            guard argv.count <= 2 else { return true }
            out.writeRESPArrayHeader(2)
            out.writeRESPBulk("pong")
            if argv.count == 2 { out.writeRESPBulk(argv[1].readableBytesView) } else { out.writeRESPBulk("") }
            return false
        default:
            var name = spec.name
            if argv.count >= 2, let subcommands = Subcommands.table[name] {
                let requested = argv[1].text.lowercased()
                if subcommands.contains(where: { $0.name == requested }) { name += "|" + requested }
            }
            reject(
                s, &out,
                sanitize(
                    "ERR Can't execute '\(name)': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET "
                        + "are allowed in this context"),
                spec: spec)
            return false
        }
    }

    /// PUBSUB CHANNELS|NUMSUB|NUMPAT|SHARDCHANNELS|SHARDNUMSUB|HELP.
    func pubsubCommand(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        let sub = argv[1]
        if sub.equalsIgnoringCase("channels") && argv.count <= 3 {
            let pattern = argv.count == 3 ? Array(argv[2].readableBytesView) : nil
            let names = pubsub.channels.keys.filter { pattern == nil || globMatch(pattern ?? [], Array($0)) }
            out.writeRESPArrayHeader(names.count)
            for name in names { out.writeRESPBulk(name) }
        } else if sub.equalsIgnoringCase("numsub") || sub.equalsIgnoringCase("shardnumsub") {
            let shard = sub.equalsIgnoringCase("shardnumsub")
            out.writeRESPArrayHeader((argv.count - 2) * 2)
            for arg in argv.dropFirst(2) {
                out.writeRESPBulk(arg.readableBytesView)
                out.writeRESPInteger(shard ? 0 : Int64(pubsub.channels[KeyBytes(arg)]?.count ?? 0))
            }
        } else if sub.equalsIgnoringCase("numpat") {
            out.writeRESPInteger(Int64(pubsub.patterns.count))
        } else if sub.equalsIgnoringCase("shardchannels") && argv.count <= 3 {
            out.writeRESPArrayHeader(0)
        } else if sub.equalsIgnoringCase("help") {
            out.writeRESPArrayHeader(Self.pubsubHelp.count)
            for line in Self.pubsubHelp { out.writeRESPSimpleString(line) }
        } else {
            out.writeRESPError(
                sanitize(
                    "ERR unknown subcommand or wrong number of arguments for '\(prefix(sub.text, 128))'. "
                        + "Try PUBSUB HELP."))
        }
    }

    static let pubsubHelp = [
        "PUBSUB <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
        "CHANNELS [<pattern>]",
        "    Return the currently active channels matching a <pattern> (default: '*').",
        "NUMPAT",
        "    Return number of subscriptions to patterns.",
        "NUMSUB [<channel> ...]",
        "    Return the number of subscribers for the specified channels, excluding",
        "    pattern subscriptions(default: no channels).",
        "SHARDCHANNELS [<pattern>]",
        "    Return the currently active shard level channels matching a <pattern> (default: '*').",
        "SHARDNUMSUB [<shardchannel> ...]",
        "    Return the number of subscribers for the specified shard level channel(s)",
        "HELP",
        "    Print this help.",
    ]
}
