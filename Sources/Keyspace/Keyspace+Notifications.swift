import NIOCore

extension Keyspace {
    /// Publishes a keyspace event as Redis's `notifyKeyspaceEvent` does, when its class is enabled
    /// by `notify-keyspace-events`: `event` on `__keyspace@<db>__:<key>` (K) and the key on
    /// `__keyevent@<db>__:<event>` (E). Costs one test when notifications are off.
    @inline(__always)
    func notify(_ type: KeyspaceEvents, _ event: String, _ key: KeyBytes, _ dbIndex: Int) {
        if pubsub.events.isEmpty { return }
        publishKeyspaceEvent(type, event, key, dbIndex)
    }

    private func publishKeyspaceEvent(_ type: KeyspaceEvents, _ event: String, _ key: KeyBytes, _ dbIndex: Int) {
        let events = pubsub.events
        guard events.contains(type) else { return }
        var ignored = ByteBuffer()
        if events.contains(.keyspace) {
            let channel = KeyBytes(Array("__keyspace@\(dbIndex)__:".utf8) + Array(key))
            _ = publish(channel, KeyBytes(event), from: nil, &ignored)
        }
        if events.contains(.keyevent) {
            _ = publish(KeyBytes("__keyevent@\(dbIndex)__:\(event)"), key, from: nil, &ignored)
        }
    }

    /// `CONFIG GET notify-keyspace-events`.
    var keyspaceEventLetters: String { pubsub.events.letters }

    /// `CONFIG SET notify-keyspace-events`: nil (nothing changed) for an unknown letter.
    func parseKeyspaceEvents(_ text: String) -> KeyspaceEvents? { KeyspaceEvents(letters: text) }

    func setKeyspaceEvents(_ events: KeyspaceEvents) { pubsub.events = events }
}

extension Keyspace {
    /// The events of a pop (`lpop`, `zpopmin`…), then `del` when it emptied the key.
    func notifyPopped(_ type: KeyspaceEvents, _ event: String, _ key: KeyBytes, _ dbIndex: Int, emptied: Bool) {
        notify(type, event, key, dbIndex)
        if emptied { notify(.generic, "del", key, dbIndex) }
    }

    /// SREM, ZREM and HDEL's events, then `del` when the container emptied.
    func notifyRemoved<T>(_ kind: T.Type, _ key: KeyBytes, _ dbIndex: Int, emptied: Bool) {
        if pubsub.events.isEmpty { return }
        if kind == SetValue.self {
            notifyPopped(.set, "srem", key, dbIndex, emptied: emptied)
        } else if kind == SortedSetValue.self {
            notifyPopped(.zset, "zrem", key, dbIndex, emptied: emptied)
        } else if kind == HashValue.self {
            notifyPopped(.hash, "hdel", key, dbIndex, emptied: emptied)
        }
    }
}
