import Clocks
import Keyspace
import Logging

extension RedisServer {
    /// Starts serving a new, empty `Keyspace` configured by `configuration.keyspace`.
    /// Refuses a non-loopback address without a password (protected mode).
    public static func start(
        configuration: RedisServerConfiguration,
        clock: any WallClock = SystemClock(),
        logger: Logger
    ) async throws -> RedisServer {
        if !configuration.isLoopback && configuration.keyspace.requirepass == nil {
            throw RedisServerError.protectedMode(host: configuration.host)
        }
        var keyspaceConfiguration = configuration.keyspace
        keyspaceConfiguration.maxclients = configuration.maxclients
        keyspaceConfiguration.protoMaxBulkLength = configuration.limits.maxBulkLength
        let settings = keyspaceConfiguration
        return try await start(configuration: configuration, logger: logger) {
            Keyspace(configuration: settings, clock: clock)
        }
    }
}
