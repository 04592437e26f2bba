/// What the keyspace keeps for introspection: per-command call counts for `INFO commandstats`,
/// error counts for `INFO errorstats`, the encoding thresholds `OBJECT ENCODING` reports against
/// (set with `CONFIG SET`), and the switches `DEBUG` flips.
struct IntrospectionState {
    /// Calls, failed calls and rejected calls per command, indexed by `CommandID.rawValue`.
    var calls: [Int]
    var failedCalls: [Int]
    var rejectedCalls: [Int]
    /// Error replies by their code (the first word: ERR, WRONGTYPE, OOM…), in first-seen order.
    var errorCodes: [String] = []
    var errorCounts: [String: Int] = [:]
    var totalErrorReplies = 0
    /// `DEBUG SET-ACTIVE-EXPIRE 0` stops the active expiry cycle (keys still expire when read).
    var activeExpire = true
    /// `DEBUG SET-DISABLE-DENY-SCRIPTS 1`: scripts may run commands normally refused inside them.
    var disableDenyScripts = false
    var thresholds = EncodingThresholds()

    init() {
        let count = CommandID.allCases.count
        calls = Array(repeating: 0, count: count)
        failedCalls = Array(repeating: 0, count: count)
        rejectedCalls = Array(repeating: 0, count: count)
    }

    /// Counts one error reply under its code, as Redis's `afterErrorReply` does.
    mutating func noteError(_ message: Substring) {
        let code = String(message.prefix { $0 != " " && $0 != "\r" && $0 != "\n" }.prefix(128))
        totalErrorReplies += 1
        if let count = errorCounts[code] {
            errorCounts[code] = count + 1
        } else {
            errorCounts[code] = 1
            errorCodes.append(code)
        }
    }

    /// Forgets the statistics (`CONFIG RESETSTAT`), keeping settings.
    mutating func resetStatistics() {
        let count = CommandID.allCases.count
        calls = Array(repeating: 0, count: count)
        failedCalls = Array(repeating: 0, count: count)
        rejectedCalls = Array(repeating: 0, count: count)
        errorCodes = []
        errorCounts = [:]
        totalErrorReplies = 0
    }
}

/// The sizes up to which Redis keeps a container in its compact encoding (CONFIG GET/SET names
/// in `EncodingThresholds.parameters`); Redis 7.0.15's defaults.
struct EncodingThresholds {
    var listMaxListpackSize: Int64 = -2
    var listCompressDepth: Int64 = 0
    var hashMaxListpackEntries: Int64 = 512
    var hashMaxListpackValue: Int64 = 64
    var setMaxIntsetEntries: Int64 = 512
    var zsetMaxListpackEntries: Int64 = 128
    var zsetMaxListpackValue: Int64 = 64

    /// Canonical name, alias (Redis 6 name) and key path, in CONFIG GET's order.
    static var parameters: [(name: String, alias: String?, path: WritableKeyPath<EncodingThresholds, Int64>)] {
        [
            ("list-max-listpack-size", "list-max-ziplist-size", \.listMaxListpackSize),
            ("list-compress-depth", nil, \.listCompressDepth),
            ("hash-max-listpack-entries", "hash-max-ziplist-entries", \.hashMaxListpackEntries),
            ("hash-max-listpack-value", "hash-max-ziplist-value", \.hashMaxListpackValue),
            ("set-max-intset-entries", nil, \.setMaxIntsetEntries),
            ("zset-max-listpack-entries", "zset-max-ziplist-entries", \.zsetMaxListpackEntries),
            ("zset-max-listpack-value", "zset-max-ziplist-value", \.zsetMaxListpackValue),
        ]
    }

    /// The canonical name for a name or alias (lower-case), if it is one of these parameters.
    static func canonical(_ name: String) -> String? {
        parameters.first { $0.name == name || $0.alias == name }?.name
    }
}
