import RESP

/// Redis 7.0 parameters that CONFIG GET and CONFIG SET accept, checked as Redis checks them, but
/// that change nothing here: persistence, replication, scripting time limits and tuning knobs
/// (Redis's own test suite and client libraries set them). Each has Redis's default.
struct InertParameter {
    enum Kind { case yesNo, integer, memory, text }

    let name: String
    /// The older name Redis still accepts (CONFIG GET answers under the name asked for).
    let alias: String?
    let kind: Kind
    let defaultValue: String

    static let all: [InertParameter] = [
        InertParameter(name: "save", alias: nil, kind: .text, defaultValue: ""),
        InertParameter(name: "appendonly", alias: nil, kind: .yesNo, defaultValue: "no"),
        InertParameter(name: "timeout", alias: nil, kind: .integer, defaultValue: "0"),
        InertParameter(name: "busy-reply-threshold", alias: "lua-time-limit", kind: .integer, defaultValue: "5000"),
        InertParameter(
            name: "repl-ping-replica-period", alias: "repl-ping-slave-period", kind: .integer, defaultValue: "10"),
        InertParameter(name: "min-replicas-to-write", alias: "min-slaves-to-write", kind: .integer, defaultValue: "0"),
        InertParameter(name: "min-replicas-max-lag", alias: "min-slaves-max-lag", kind: .integer, defaultValue: "10"),
        InertParameter(
            name: "replica-serve-stale-data", alias: "slave-serve-stale-data", kind: .yesNo, defaultValue: "yes"),
        InertParameter(name: "replica-read-only", alias: "slave-read-only", kind: .yesNo, defaultValue: "yes"),
        InertParameter(name: "stream-node-max-entries", alias: nil, kind: .integer, defaultValue: "100"),
        InertParameter(name: "stream-node-max-bytes", alias: nil, kind: .memory, defaultValue: "4096"),
        InertParameter(name: "client-query-buffer-limit", alias: nil, kind: .memory, defaultValue: "1073741824"),
        InertParameter(name: "rdb-key-save-delay", alias: nil, kind: .integer, defaultValue: "0"),
        InertParameter(name: "hz", alias: nil, kind: .integer, defaultValue: "10"),
        InertParameter(name: "slowlog-log-slower-than", alias: nil, kind: .integer, defaultValue: "10000"),
        InertParameter(name: "slowlog-max-len", alias: nil, kind: .integer, defaultValue: "128"),
        InertParameter(name: "lazyfree-lazy-user-del", alias: nil, kind: .yesNo, defaultValue: "no"),
        InertParameter(name: "lazyfree-lazy-user-flush", alias: nil, kind: .yesNo, defaultValue: "no"),
        InertParameter(name: "activedefrag", alias: nil, kind: .yesNo, defaultValue: "no"),
        InertParameter(name: "latency-tracking", alias: nil, kind: .yesNo, defaultValue: "yes"),
    ]

    /// The parameter a name (or an alias) refers to.
    static func named(_ name: String) -> InertParameter? {
        all.first { $0.name == name || $0.alias == name }
    }

    /// The reason Redis gives for a value it does not accept; nil when the value is accepted.
    func rejection(of value: String) -> String? {
        switch kind {
        case .yesNo:
            return ["yes", "no"].contains(value.lowercased()) ? nil : "argument must be 'yes' or 'no'"
        case .integer:
            return parseRedisInteger(Array(value.utf8)) == nil ? "argument couldn't be parsed into an integer" : nil
        case .memory:
            return parseMemoryValue(value) == nil ? "argument must be a memory value" : nil
        case .text:
            return nil
        }
    }

    /// The value as CONFIG GET shows it (yes/no lower-cased, as Redis stores them).
    func normalized(_ value: String) -> String {
        kind == .yesNo ? value.lowercased() : value
    }
}
