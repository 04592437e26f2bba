import NIOCore

/// The subcommands of container commands (CLIENT, CONFIG, COMMAND) and their Redis arities.
enum Subcommands {
    static let table: [String: [(name: String, arity: Int)]] = [
        "client": [("id", 2), ("getname", 2), ("setname", 3), ("setinfo", 4), ("info", 2), ("list", -2), ("help", 2),
            ("unblock", -3), ("reply", 3)],
        "config": [("get", -3), ("set", -4), ("resetstat", 2), ("help", 2)],
        "command": [("count", 2), ("docs", -2), ("getkeys", -4), ("list", -2), ("help", 2)],
        "memory": [("usage", -3), ("help", 2)],
        "object": [("encoding", 3), ("freq", 3), ("idletime", 3), ("refcount", 3), ("help", 2)],
        "pubsub": [
            ("channels", -2), ("numpat", 2), ("numsub", -2), ("shardchannels", -2), ("shardnumsub", -2), ("help", 2),
        ],
        "module": [("list", 2), ("load", -3), ("loadex", -3), ("unload", 3), ("help", 2)],
    ]
}

extension Keyspace {
    /// Redis's checks for a container command: an unknown subcommand, then the subcommand's arity.
    func subcommandError(_ spec: CommandSpec, _ argv: [ByteBuffer]) -> String? {
        guard spec.id == .client || spec.id == .config || spec.id == .command || spec.id == .module
                || spec.id == .object || spec.id == .pubsub
                || spec.id == .memory,
            argv.count >= 2,
            let subcommands = Subcommands.table[spec.name]
        else { return nil }
        let requested = argv[1].text.lowercased()
        guard let match = subcommands.first(where: { $0.name == requested }) else {
            return sanitize(
                "ERR unknown subcommand '\(prefix(argv[1].text, 128))'. Try \(spec.name.uppercased()) HELP.")
        }
        let fits = match.arity >= 0 ? argv.count == match.arity : argv.count >= -match.arity
        return fits ? nil : "ERR wrong number of arguments for '\(spec.name)|\(match.name)' command"
    }
}
