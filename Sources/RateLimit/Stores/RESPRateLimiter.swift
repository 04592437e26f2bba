import RESP

/// A rate limiter whose state lives in a Redis-compatible server (a real Redis or
/// `archlab redis-server`), shared by every process that uses the same prefix. Each
/// decision is one optimistic transaction on a dedicated connection: WATCH the keys,
/// read the state with one command, decide with the same code as the in-memory
/// limiter, then MULTI/EXEC the new state, retrying when another client got there first.
/// No scripting is needed, so it runs on servers without EVAL.
public final class RESPRateLimiter<Algorithm: RESPStoredAlgorithm>: RateLimiting {
    public let algorithm: Algorithm
    /// Prepended to identifiers: keys are `prefix:identifier` (plus a window suffix for windows).
    public let prefix: String
    /// Added to every key's TTL, so server-side expiry never decides before the limiter would.
    public let graceMilliseconds: Int64
    /// How many times a transaction is retried under contention before giving up.
    public let maximumAttempts: Int
    private let clock: any RateLimitClock
    private let connections: any RESPConnectionSource

    public init(
        _ algorithm: Algorithm,
        connections: any RESPConnectionSource,
        prefix: String = "ratelimit",
        clock: any RateLimitClock = SystemClock(),
        graceMilliseconds: Int64 = 60_000,
        maximumAttempts: Int = 1000
    ) {
        self.algorithm = algorithm
        self.connections = connections
        self.prefix = prefix
        self.clock = clock
        self.graceMilliseconds = graceMilliseconds
        self.maximumAttempts = max(1, maximumAttempts)
    }

    /// Decides one request for `identifier`; `cost` below 1 counts as 1.
    public func limit(_ identifier: String, cost: Int = 1) async throws -> RateLimitResult {
        try await connections.withConnection { connection in
            try await decide(on: connection, identifier: identifier, cost: max(1, cost))
        }
    }

    private func decide(on connection: any RESPCommandSender, identifier: String, cost: Int) async throws -> RateLimitResult {
        let base = "\(prefix):\(identifier)"
        for _ in 0..<maximumAttempts {
            let now = clock.nowMilliseconds()
            let keys = algorithm.storeKeys(base: base, now: now)
            try await expectOK(connection, ["WATCH"] + keys)
            let read = algorithm.readCommand(keys: keys, now: now)
            let reply = try await connection.send(read)
            if case .error(let message) = reply {
                _ = try? await connection.send(["UNWATCH"])
                throw RateLimitError.storeReply(command: read[0], reply: message)
            }
            let stored = try algorithm.decodeState(reply, now: now)
            let old = stored.flatMap { algorithm.isLive($0, at: now) ? $0 : nil }
            var state = old
            let result = algorithm.decide(&state, now: now, cost: cost)
            guard let new = state, new != old else {
                try await expectOK(connection, ["UNWATCH"])
                return result
            }
            try await expectOK(connection, ["MULTI"])
            for command in algorithm.writeCommands(keys: keys, old: old, new: new, now: now, grace: graceMilliseconds) {
                let queued = try await connection.send(command)
                guard queued.text == "QUEUED" else {
                    _ = try? await connection.send(["DISCARD"])
                    throw RateLimitError.storeReply(command: command[0], reply: "\(queued)")
                }
            }
            let executed = try await connection.send(["EXEC"])
            if executed.isNull { continue }
            for reply in try executed.storedElements("EXEC") {
                if case .error(let message) = reply { throw RateLimitError.storeReply(command: "EXEC", reply: message) }
            }
            return result
        }
        throw RateLimitError.contention(key: base, attempts: maximumAttempts)
    }

    private func expectOK(_ connection: any RESPCommandSender, _ command: [String]) async throws {
        let reply = try await connection.send(command)
        guard reply.text == "OK" else { throw RateLimitError.storeReply(command: command[0], reply: "\(reply)") }
    }
}
