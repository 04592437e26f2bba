import Logging
import REPL
import RedisServer
import Terminal

/// `redis …` on the learner's in-process keyspace, and `redis-server start|stop|status`, which
/// serves that same keyspace over TCP for `redis-cli`.
enum RedisLabCommands {
    static let defaultPort = 6380

    /// Commands offered by tab completion after `redis` (any command Redis 7.0 knows can be typed).
    static let commonCommands = [
        "APPEND", "DBSIZE", "DECR", "DEL", "EXISTS", "EXPIRE", "FLUSHDB", "GET", "GETDEL", "GETEX", "HGET", "HGETALL",
        "HSET", "INCR", "INCRBY", "INFO", "KEYS", "LPUSH", "LRANGE", "MGET", "MSET", "PERSIST", "PEXPIRE", "PING",
        "PTTL", "RPUSH", "SADD", "SCAN", "SET", "SETEX", "SETNX", "SMEMBERS", "STRLEN", "TTL", "TYPE", "ZADD", "ZRANGE",
    ]

    static func redis(_ context: LabContext) -> ReplCommand {
        ReplCommand(
            name: "redis",
            usage: "redis <command> [arguments …]",
            summary: "Run a Redis command on your in-process Redis",
            help: """
                Runs one Redis command on this session's own in-memory Redis and prints the reply as `redis-cli` does. \
                Quote arguments with spaces: `redis SET greeting "hello world"`.

                - `redis SETEX k 60 v` then `redis TTL k` shows the countdown in seconds.
                - `redis TTL nosuchkey` is `-2`; a key without expiry is `-1`.

                The keys live as long as the session. `redis-server start` serves them over TCP.

                An argument `$NAME` is the embedding saved by `embed TEXT --as NAME`, as a FLOAT32 blob: \
                `redis HSET prompt:1 embedding $NAME`, or `PARAMS 2 vec $NAME` in `FT.SEARCH`.
                """,
            completer: { _, previous in previous.isEmpty ? commonCommands : [] },
            handler: { session, arguments in
                let words = try QuotedArguments.splitBytes(arguments.rest).map { word in
                    // `$NAME` of `embed TEXT --as NAME` is that embedding's bytes.
                    guard word.first == UInt8(ascii: "$") else { return word }
                    return context.vectors[String(decoding: word.dropFirst(), as: UTF8.self)] ?? word
                }
                guard !words.isEmpty else { throw ReplLabError.usage("redis <command> [arguments …]") }
                let reply = try context.keyspace.execute(bytes: words)
                session.say(ControlCharacters.sanitize(RedisReplyFormatter.format(reply)))
                if case .error = reply { return .failed }
                return .succeeded
            })
    }

    static func server(_ context: LabContext) -> ReplCommand {
        let usage = "redis-server start [PORT] | stop | status"
        return ReplCommand(
            name: "redis-server",
            usage: "redis-server start|stop|status",
            summary: "Serve your in-process Redis over TCP for redis-cli",
            help: """
                `\(usage)`

                Serves the keyspace that `redis` uses on 127.0.0.1, so another terminal sees your keys:

                - `redis-server start` listens on port \(defaultPort) (or `redis-server start 7000`; `0` picks a free \
                port).
                - In another terminal: `redis-cli -p \(defaultPort) KEYS '*'`.
                - `redis-server status` says where it listens; `redis-server stop` stops it (leaving the REPL stops \
                it too).
                """,
            completer: { _, previous in previous.isEmpty ? ["start", "stop", "status"] : [] },
            handler: { session, arguments in
                switch (arguments.words.first, arguments.words.count) {
                case ("start", 1), ("start", 2):
                    return try await start(
                        session, context, port: arguments.words.count == 2 ? arguments.words[1] : nil)
                case ("stop", 1):
                    guard let server = context.redisServer else {
                        session.say("redis-server is not running.")
                        return .succeeded
                    }
                    context.redisServer = nil
                    try await server.shutdown()
                    session.say(
                        "redis-server stopped (it was on \(server.host):\(server.port)). Your keys are still here.")
                    return .succeeded
                case ("status", 1):
                    let count: String
                    if case .integer(let keys)? = try? context.keyspace.execute(["DBSIZE"]) {
                        count = "\(keys) key\(keys == 1 ? "" : "s")"
                    } else {
                        count = "unknown number of keys"
                    }
                    if let server = context.redisServer {
                        session.say(
                            """
                                redis-server is serving your keyspace on \(server.host):\(server.port) (\(count) in \
                                the selected database).
                                """
                        )
                    } else {
                        session.say(
                            """
                                redis-server is not running; `redis-server start` serves your keyspace (\(count) in \
                                the selected database).
                                """
                        )
                    }
                    return .succeeded
                default:
                    throw ReplLabError.usage(usage)
                }
            })
    }

    private static func start(
        _ session: ReplSession, _ context: LabContext, port text: String?
    ) async throws -> CommandResult {
        if let server = context.redisServer {
            session.say("redis-server is already serving on \(server.host):\(server.port).")
            return .succeeded
        }
        let port: Int
        if let text {
            guard let value = Int(text), (0...65_535).contains(value) else {
                throw ReplLabError.invalid(
                    "`\(text)` is not a port: give a number from 0 to 65535 (0 picks a free one).")
            }
            port = value
        } else {
            port = defaultPort
        }
        var logger = Logger(label: "archlab.repl.redis-server")
        logger.logLevel = .error
        let keyspace = context.keyspace
        let configuration = RedisServerConfiguration(host: "127.0.0.1", port: port)
        let server: RedisServer
        do {
            server = try await RedisServer.start(sharing: keyspace, configuration: configuration, logger: logger)
        } catch {
            throw ReplLabError.invalid("Cannot start redis-server on 127.0.0.1:\(port): \(error)")
        }
        context.redisServer = server
        session.say(
            """
                redis-server is serving your keyspace on \(server.host):\(server.port). In another terminal: \
                `redis-cli -p \(server.port)`.
                """
        )
        return .succeeded
    }
}
