import Clocks
import RESP

/// A rate limiter whose state lives in a Redis-compatible server (a real Redis or
/// `archlab redis-server`), shared by every process that uses the same prefix. Each
/// decision is one optimistic transaction on a dedicated connection: WATCH the keys,
/// read the state with one command, decide with the same code as the in-memory
/// limiter, then MULTI/EXEC the new state, retrying when another client got there first.
/// Algorithms whose state is a counter that every request increments (fixed and sliding
/// windows) decide in one round trip instead: one pipeline that counts and reads.
/// No scripting is needed, so it runs on servers without EVAL.
public final class RESPRateLimiter<Algorithm: RESPStoredAlgorithm>: RateLimiting {
    public let algorithm: Algorithm
    /// Prepended to identifiers: keys are `prefix:identifier` (plus a window suffix for windows).
    public let prefix: String
    /// Added to every key's TTL, so server-side expiry never decides before the limiter would.
    public let graceMilliseconds: Int64
    /// How many times a transaction is retried under contention before giving up.
    public let maximumAttempts: Int
    private let clock: any WallClock
    private let connections: any RESPConnectionSource

    public init(
        _ algorithm: Algorithm,
        connections: any RESPConnectionSource,
        prefix: String = "ratelimit",
        clock: any WallClock = SystemClock(),
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

    /// One optimistic transaction per attempt, in two round trips when the connection
    /// pipelines: `UNWATCH`, `WATCH keys`, read; then `MULTI`, writes, `EXEC`.
    private func decide(
        on connection: any RESPCommandSender, identifier: String, cost: Int
    ) async throws -> RateLimitResult {
        let base = "\(prefix):\(identifier)"
        let now = clock.nowMilliseconds()
        let keys = algorithm.storeKeys(base: base, now: now)
        if let commands = algorithm.atomicCommands(keys: keys, now: now, cost: cost, grace: graceMilliseconds) {
            // Each command is atomic on its own and together they only count and read, so one
            // pipeline (no MULTI/EXEC, no WATCH) decides: one round trip, as few commands as possible.
            let results = try await connection.pipeline(commands)
            guard results.count == commands.count else {
                throw RateLimitError.storeReply(command: commands[0][0], reply: "\(results)")
            }
            for (command, reply) in zip(commands, results) {
                if case .error(let message) = reply {
                    throw RateLimitError.storeReply(command: command[0], reply: message)
                }
            }
            let result = try algorithm.atomicResult(results, now: now, cost: cost)
            let undo = algorithm.atomicUndo(keys: keys, result: result, replies: results, now: now, cost: cost)
            if !undo.isEmpty {
                for reply in try await connection.pipeline(undo) {
                    if case .error(let message) = reply {
                        throw RateLimitError.storeReply(command: "DECRBY", reply: message)
                    }
                }
            }
            return result
        }
        for _ in 0..<maximumAttempts {
            let now = clock.nowMilliseconds()
            let keys = algorithm.storeKeys(base: base, now: now)
            let read = algorithm.readCommand(keys: keys, now: now)
            let replies = try await connection.pipeline([["UNWATCH"], ["WATCH"] + keys, read])
            guard replies.count == 3 else { throw RateLimitError.storeReply(command: "WATCH", reply: "\(replies)") }
            for (command, reply) in zip(["UNWATCH", "WATCH"], replies) where reply.text != "OK" {
                throw RateLimitError.storeReply(command: command, reply: "\(reply)")
            }
            if case .error(let message) = replies[2] {
                throw RateLimitError.storeReply(command: read[0], reply: message)
            }
            let stored = try algorithm.decodeState(replies[2], now: now)
            let old = stored.flatMap { algorithm.isLive($0, at: now) ? $0 : nil }
            var state = old
            let result = algorithm.decide(&state, now: now, cost: cost)
            guard let new = state, new != old else { return result }
            let writes = algorithm.writeCommands(keys: keys, old: old, new: new, now: now, grace: graceMilliseconds)
            let answers = try await connection.pipeline([["MULTI"]] + writes + [["EXEC"]])
            guard answers.count == writes.count + 2 else {
                throw RateLimitError.storeReply(command: "EXEC", reply: "\(answers)")
            }
            if answers[0].text != "OK" { throw RateLimitError.storeReply(command: "MULTI", reply: "\(answers[0])") }
            for (command, queued) in zip(writes, answers.dropFirst()) where queued.text != "QUEUED" {
                throw RateLimitError.storeReply(command: command[0], reply: "\(queued)")
            }
            let executed = answers[answers.count - 1]
            if executed.isNull { continue }
            for reply in try executed.storedElements("EXEC") {
                if case .error(let message) = reply { throw RateLimitError.storeReply(command: "EXEC", reply: message) }
            }
            return result
        }
        throw RateLimitError.contention(key: base, attempts: maximumAttempts)
    }
}
