/// The clients blocked on keys, per key in the order they blocked, and the keys that got data
/// during the current command (their clients are served once the command, EXEC or script ends).
final class BlockingRegistry {
    private(set) var waiting: [WatchKey: [ClientSession]] = [:]
    private(set) var ready: [WatchKey] = []
    private var readySet: Set<WatchKey> = []
    /// Blocked clients by id (CLIENT UNBLOCK, timeouts, INFO's blocked_clients).
    private(set) var blocked: [Int64: ClientSession] = [:]
    /// Set while EXEC (or a script) runs: blocking commands then answer at once as on a timeout.
    var denyBlocking = false

    var hasWaiters: Bool { !waiting.isEmpty }

    /// Queues `key` to be served after the current command if some client waits on it.
    func markReady(_ key: WatchKey) {
        guard waiting[key] != nil, readySet.insert(key).inserted else { return }
        ready.append(key)
    }

    /// The keys marked ready so far, in the order they were marked; the queue starts afresh.
    func takeReady() -> [WatchKey] {
        let keys = ready
        ready = []
        readySet = []
        return keys
    }

    func waiters(on key: WatchKey) -> [ClientSession] { waiting[key] ?? [] }

    func block(_ session: ClientSession, _ request: BlockedRequest) {
        session.blockedOn = request
        blocked[session.id] = session
        for key in request.keys {
            waiting[WatchKey(database: request.database, key: key), default: []].append(session)
        }
    }

    /// Forgets a blocked client (served, timed out, unblocked or disconnected).
    func unblock(_ session: ClientSession) {
        guard let request = session.blockedOn else { return }
        session.blockedOn = nil
        blocked[session.id] = nil
        for key in request.keys {
            let watchKey = WatchKey(database: request.database, key: key)
            waiting[watchKey]?.removeAll { $0 === session }
            if waiting[watchKey]?.isEmpty == true { waiting[watchKey] = nil }
        }
    }
}
