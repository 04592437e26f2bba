import NIOCore
import RESP

extension Keyspace {
    /// The Redis version this keyspace answers as (HELLO, INFO).
    static let redisVersion = "7.0.15"

    func command(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        guard argv.count >= 2 else {
            out.writeRESPArrayHeader(CommandTable.specs.count)
            for spec in CommandTable.specs { writeCommandInfo(spec, &out) }
            return
        }
        let sub = argv[1]
        if sub.equalsIgnoringCase("count") {
            out.writeRESPInteger(Int64(CommandTable.specs.count))
        } else if sub.equalsIgnoringCase("docs") {
            out.writeRESPMapHeader(0, s.protocolVersion)
        } else if sub.equalsIgnoringCase("getkeys") {
            commandGetKeys(argv, &out)
        } else if sub.equalsIgnoringCase("list") {
            out.writeRESPArrayHeader(CommandTable.specs.count)
            for spec in CommandTable.specs { out.writeRESPBulk(spec.name) }
        } else {
            out.writeRESPArrayHeader(5)
            out.writeRESPSimpleString("COMMAND <subcommand> [<arg> [value] [opt] ...]. Subcommands are:")
            out.writeRESPSimpleString("COUNT")
            out.writeRESPSimpleString("    Return the total number of commands in this Redis server.")
            out.writeRESPSimpleString("LIST")
            out.writeRESPSimpleString("    Return a list of all commands in this Redis server.")
        }
    }

    private func writeCommandInfo(_ spec: CommandSpec, _ out: inout ByteBuffer) {
        out.writeRESPArrayHeader(6)
        out.writeRESPBulk(spec.name)
        out.writeRESPInteger(Int64(spec.arity))
        var flags: [String] = []
        if spec.flags.contains(.write) { flags.append("write") }
        if spec.flags.contains(.read) { flags.append("readonly") }
        if spec.flags.contains(.denyOOM) { flags.append("denyoom") }
        out.writeRESPArrayHeader(flags.count)
        for flag in flags { out.writeRESPSimpleString(flag) }
        let hasKey = spec.flags.contains(.write) || spec.flags.contains(.read)
        out.writeRESPInteger(hasKey ? 1 : 0)
        out.writeRESPInteger(hasKey ? 1 : 0)
        out.writeRESPInteger(hasKey ? 1 : 0)
    }

    func time(_ out: inout ByteBuffer) {
        let micros = clock.nowMicroseconds()
        out.writeRESPArrayHeader(2)
        out.writeRESPBulk(String(micros / 1_000_000))
        out.writeRESPBulk(String(micros % 1_000_000))
    }

    func info(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        let text = infoText(sections: argv.dropFirst().map { $0.text.lowercased() })
        out.writeRESPVerbatim(text, s.protocolVersion)
    }

    /// The INFO text for the requested sections, as Redis 7.0 selects them: none or `default` gives the
    /// default sections, `all` adds commandstats, `everything` is `all`; names are case-insensitive.
    public func infoText(sections requested: [String] = []) -> String {
        let defaults = [
            "server", "clients", "memory", "persistence", "stats", "replication", "cpu", "modules", "errorstats",
            "cluster", "keyspace",
        ]
        let order = [
            "server", "clients", "memory", "persistence", "stats", "replication", "cpu", "modules", "commandstats",
            "errorstats", "cluster", "keyspace",
        ]
        var wanted: Set<String> = []
        var all = false
        if requested.isEmpty { wanted.formUnion(defaults) }
        for name in requested.map({ $0.lowercased() }) {
            switch name {
            case "default": wanted.formUnion(defaults)
            case "all", "everything": all = true
            case "module_list": wanted.insert("modules")
            default: wanted.insert(name)
            }
        }
        return order.filter { all || wanted.contains($0) }.map { infoSection($0) }.joined(separator: "\r\n")
    }

    private func infoSection(_ name: String) -> String {
        let server = serverInfo()
        var lines: [String]
        switch name {
        case "server":
            let uptime = max(0, (now - startMilliseconds) / 1000)
            lines = [
                "# Server", "redis_version:\(Self.redisVersion)", "redis_mode:standalone", "os:Linux",
                "arch_bits:64", "process_id:\(server.processID)", "run_id:\(runID)", "tcp_port:\(server.tcpPort)",
                "uptime_in_seconds:\(uptime)", "uptime_in_days:\(uptime / 86400)", "hz:10",
                "lru_clock:\(lruClock & 0xFF_FFFF)", "executable:\(server.executable)", "config_file:",
            ]
        case "clients":
            lines = [
                "# Clients", "connected_clients:\(server.connectedClients)", "maxclients:\(configuration.maxclients)",
                "blocked_clients:\(blockedClientCount)", "tracking_clients:0",
            ]
        case "memory":
            lines = [
                "# Memory", "used_memory:\(usedMemory)", "used_memory_human:\(humanBytes(usedMemory))",
                "used_memory_rss:\(server.residentMemory)",
                "used_memory_rss_human:\(humanBytes(server.residentMemory))",
                "used_memory_peak:\(peakMemory)", "used_memory_peak_human:\(humanBytes(peakMemory))",
                "maxmemory:\(configuration.maxmemory)", "maxmemory_human:\(humanBytes(configuration.maxmemory))",
                "maxmemory_policy:\(configuration.policy.rawValue)",
            ]
        case "persistence":
            lines = ["# Persistence", "loading:0", "rdb_changes_since_last_save:0", "aof_enabled:0"]
        case "stats":
            lines = [
                "# Stats", "total_connections_received:\(server.totalConnectionsReceived)",
                "total_commands_processed:\(stats.commandsProcessed)",
                "rejected_connections:\(server.rejectedConnections)", "expired_keys:\(stats.expiredKeys)",
                "evicted_keys:\(stats.evictedKeys)", "keyspace_hits:\(stats.keyspaceHits)",
                "keyspace_misses:\(stats.keyspaceMisses)",
                "pubsub_channels:\(pubsub.channels.count)", "pubsub_patterns:\(pubsub.patterns.count)",
                "total_error_replies:\(introspection.totalErrorReplies)",
            ]
        case "replication":
            lines = [
                "# Replication", "role:master", "connected_slaves:0", "master_failover_state:no-failover",
                "master_replid:\(runID)", "master_replid2:0000000000000000000000000000000000000000",
                "master_repl_offset:0", "second_repl_offset:-1", "repl_backlog_active:0",
                "repl_backlog_size:1048576", "repl_backlog_first_byte_offset:0", "repl_backlog_histlen:0",
            ]
        case "cpu", "modules", "commandstats", "errorstats", "cluster":
            lines = introspectionInfoSection(name)
        default:
            lines = ["# Keyspace"]
            for (index, db) in databases.enumerated() where db.count > 0 {
                lines.append("db\(index):keys=\(db.count),expires=\(db.volatileCount),avg_ttl=\(averageTTL(db))")
            }
        }
        return lines.map { $0 + "\r\n" }.joined()
    }

    private func humanBytes(_ bytes: Int) -> String {
        let units: [(Double, String)] = [(1_073_741_824, "G"), (1_048_576, "M"), (1024, "K")]
        for (size, suffix) in units where Double(bytes) >= size {
            let value = Double(bytes) / size
            let hundredths = Int((value * 100).rounded())
            return "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)\(suffix)"
        }
        return "\(bytes)B"
    }
}
