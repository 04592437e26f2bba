import ArgumentParser
import Foundation
import Keyspace
import Logging
import RedisServer

/// `archlab redis-server`: serves an in-memory Redis-compatible cache that redis-cli,
/// redis-benchmark and redis-py can use. Nothing is written to disk.
struct RedisServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "redis-server",
        abstract: "Serve an in-memory Redis-compatible cache over TCP (no persistence)."
    )

    @Option(help: "TCP port to listen on.")
    var port: Int = 6380

    @Option(help: "IP address to bind. A non-loopback address requires --requirepass (protected mode).")
    var bind: String = "127.0.0.1"

    @Option(help: "Password clients must send with AUTH or HELLO.")
    var requirepass: String?

    @Option(help: "Memory limit such as 64mb, 1gb, 100kb or plain bytes; 0 means no limit.")
    var maxmemory: String = "0"

    @Option(
        name: .customLong("maxmemory-policy"),
        help: "What to do at the memory limit: \(EvictionPolicy.allCases.map(\.rawValue).joined(separator: ", "))."
    )
    var maxmemoryPolicy: String = EvictionPolicy.noeviction.rawValue

    @Option(help: "Most simultaneous client connections.")
    var maxclients: Int = 10000

    func validate() throws {
        guard (0...65535).contains(port) else {
            throw ValidationError("--port must be between 0 and 65535, got \(port).")
        }
        guard MemorySize.parse(maxmemory) != nil else {
            throw ValidationError(
                "--maxmemory '\(maxmemory)' is not a size; use e.g. 64mb, 1gb, 100kb or a number of bytes.")
        }
        guard EvictionPolicy(rawValue: maxmemoryPolicy.lowercased()) != nil else {
            throw ValidationError(
                "--maxmemory-policy '\(maxmemoryPolicy)' is unknown; use one of "
                    + EvictionPolicy.allCases.map(\.rawValue).joined(separator: ", ") + "."
            )
        }
        guard maxclients >= 1 else { throw ValidationError("--maxclients must be at least 1, got \(maxclients).") }
        guard RedisServerConfiguration(host: bind).isIPAddress else {
            throw ValidationError("--bind '\(bind)' is not an IP address; use e.g. 127.0.0.1, 0.0.0.0 or ::1.")
        }
        if !RedisServerConfiguration(host: bind).isLoopback && requirepass == nil {
            throw ValidationError(
                """
                    refusing to listen on \(bind) without --requirepass (protected mode); bind 127.0.0.1 or set a \
                    password.
                    """
            )
        }
    }

    func run() async throws {
        var configuration = RedisServerConfiguration(host: bind, port: port, maxclients: maxclients)
        configuration.keyspace = KeyspaceConfiguration(
            maxmemory: MemorySize.parse(maxmemory) ?? 0,
            policy: EvictionPolicy(rawValue: maxmemoryPolicy.lowercased()) ?? .noeviction,
            requirepass: requirepass,
            maxclients: maxclients
        )
        let logger = Logger(label: "archlab.redis-server")
        let server: RedisServer
        do {
            server = try await RedisServer.start(configuration: configuration, logger: logger)
        } catch {
            FileHandle.standardError.write(Data("archlab redis-server: \(error)\n".utf8))
            throw ExitCode.failure
        }
        _ = await Signals.waitForTermination()
        try await server.shutdown()
    }
}
