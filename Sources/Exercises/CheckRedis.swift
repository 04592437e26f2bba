import Foundation
import Keyspace
import Logging
import RESP
import RedisServer

/// The Redis a check's harness talks to: the in-process Keyspace server on a free loopback port (as
/// `archlab redis-server` runs it), or `--redis-url`; the checker inspects it through its own client.
final class CheckRedis: @unchecked Sendable {
    private let server: RedisServer?
    private let client: RESPClient
    /// `host:port` for the harness's `ARCHLAB_REDIS_ADDRESS`.
    let address: String

    private init(server: RedisServer?, client: RESPClient, address: String) {
        self.server = server
        self.client = client
        self.address = address
    }

    static func start(url: String?) async throws(ExerciseError) -> CheckRedis {
        do {
            if let url {
                let parsed = try RedisURL(parsing: url)
                let client = try await RESPClient.connect(to: parsed)
                return CheckRedis(server: nil, client: client, address: "\(parsed.host):\(parsed.port)")
            }
            var logger = Logger(label: "archlab.check.redis")
            logger.logLevel = .critical
            let server = try await RedisServer.start(
                configuration: RedisServerConfiguration(host: "127.0.0.1", port: 0), logger: logger)
            let client = try await RESPClient.connect(to: "redis://127.0.0.1:\(server.port)")
            return CheckRedis(server: server, client: client, address: "127.0.0.1:\(server.port)")
        } catch {
            throw .redis("cannot start or reach the Redis server for the check: \(error)")
        }
    }

    /// Empties the database before a test.
    func flush() async throws(ExerciseError) {
        do {
            _ = try await client.send(["FLUSHDB"])
        } catch {
            throw .redis("FLUSHDB failed: \(error)")
        }
    }

    /// The value (as text) and TTL in seconds (-1 none, -2 no key) at `key`.
    func inspect(key: String) async throws(ExerciseError) -> (value: String?, ttl: Int) {
        do {
            let value = try await client.send(["GET", key])
            let ttl = try await client.send(["TTL", key])
            var text: String?
            if case .bulkString(let bytes) = value { text = String(decoding: bytes, as: UTF8.self) }
            var seconds = -2
            if case .integer(let number) = ttl { seconds = Int(number) }
            return (text, seconds)
        } catch {
            throw .redis("cannot inspect \(key): \(error)")
        }
    }

    func stop() async {
        try? await client.close()
        try? await server?.shutdown()
    }
}
