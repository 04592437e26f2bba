/// The server's channel and pattern subscriptions: who receives a PUBLISH, in subscription order.
final class PubSubRegistry {
    var channels: [KeyBytes: [ClientSession]] = [:]
    var patterns: [KeyBytes: [ClientSession]] = [:]
    /// Patterns in the order they were first subscribed (PUBLISH visits them in this order).
    var patternOrder: [KeyBytes] = []
    /// The keyspace notification classes `notify-keyspace-events` enables (none by default).
    var events: KeyspaceEvents = []

    func subscribe(_ session: ClientSession, channel: KeyBytes) {
        channels[channel, default: []].append(session)
    }

    func unsubscribe(_ session: ClientSession, channel: KeyBytes) {
        channels[channel]?.removeAll { $0 === session }
        if channels[channel]?.isEmpty == true { channels[channel] = nil }
    }

    func subscribe(_ session: ClientSession, pattern: KeyBytes) {
        if patterns[pattern] == nil { patternOrder.append(pattern) }
        patterns[pattern, default: []].append(session)
    }

    func unsubscribe(_ session: ClientSession, pattern: KeyBytes) {
        patterns[pattern]?.removeAll { $0 === session }
        if patterns[pattern]?.isEmpty == true {
            patterns[pattern] = nil
            patternOrder.removeAll { $0 == pattern }
        }
    }
}
