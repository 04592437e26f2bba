import NIOCore
import RESP

extension Keyspace {
    /// The parameters CONFIG GET answers, in the order it lists them, with their current values.
    var configParameters: [(String, String)] {
        [
            ("maxmemory", String(configuration.maxmemory)),
            ("maxmemory-policy", configuration.policy.rawValue),
            ("maxmemory-samples", String(configuration.maxmemorySamples)),
            ("maxclients", String(configuration.maxclients)),
            ("databases", String(configuration.databases)),
            ("proto-max-bulk-len", String(configuration.protoMaxBulkLength)),
            ("requirepass", configuration.requirepass ?? ""),
            ("save", ""),
            ("appendonly", "no"),
            ("timeout", "0"),
            ("notify-keyspace-events", keyspaceEventLetters),
        ]
    }

    func config(_ argv: [ByteBuffer], _ s: ClientSession, _ out: inout ByteBuffer) {
        let sub = argv[1]
        if sub.equalsIgnoringCase("get") {
            var matched: [(String, String)] = []
            for pattern in argv.dropFirst(2) {
                let bytes = pattern.text.lowercased()
                for parameter in configParameters
                where globMatch(Array(bytes.utf8), Array(parameter.0.utf8))
                    && !matched.contains(where: { $0.0 == parameter.0 })
                {
                    matched.append(parameter)
                }
            }
            out.writeRESPMapHeader(matched.count, s.protocolVersion)
            for (name, value) in matched {
                out.writeRESPBulk(name)
                out.writeRESPBulk(value)
            }
        } else if sub.equalsIgnoringCase("set") {
            configSet(argv, &out)
        } else if sub.equalsIgnoringCase("resetstat") {
            stats = KeyspaceStats()
            peakMemory = usedMemory
            out.writeRESPSimpleString("OK")
        } else {
            let help = [
                "CONFIG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                "GET <pattern>", "    Return parameters matching the glob-like <pattern> and their values.",
                "SET <directive> <value>", "    Set the configuration <directive> to <value>.",
                "RESETSTAT", "    Reset statistics reported by the INFO command.",
                "HELP", "    Print this help.",
            ]
            out.writeRESPArrayHeader(help.count)
            for line in help { out.writeRESPSimpleString(line) }
        }
    }

    /// Redis's lower bound for `proto-max-bulk-len` (1mb).
    static let minimumProtoMaxBulkLength = 1 << 20

    private func configSet(_ argv: [ByteBuffer], _ out: inout ByteBuffer) {
        let settable: Set<String> = [
            "maxmemory", "maxmemory-policy", "maxmemory-samples", "requirepass", "maxclients", "proto-max-bulk-len",
            "notify-keyspace-events",
        ]
        guard argv.count % 2 == 0 else {
            out.writeRESPError(
                sanitize("ERR Unknown option or number of arguments for CONFIG SET - '\(argv[argv.count - 1].text)'"))
            return
        }
        var updated = configuration
        var events: KeyspaceEvents?
        var seen: Set<String> = []
        var i = 2
        while i < argv.count {
            let name = argv[i].text.lowercased()
            let value = argv[i + 1].text
            guard settable.contains(name) else {
                out.writeRESPError(
                    sanitize("ERR Unknown option or number of arguments for CONFIG SET - '\(argv[i].text)'"))
                return
            }
            let failure = { (reason: String) in
                "ERR CONFIG SET failed (possibly related to argument '\(name)') - \(reason)"
            }
            guard seen.insert(name).inserted else {
                out.writeRESPError(failure("duplicate parameter"))
                return
            }
            switch name {
            case "notify-keyspace-events":
                guard let parsed = parseKeyspaceEvents(value) else {
                    out.writeRESPError(failure("Invalid event class character. Use 'Ag$lshzxeKEtmdn'."))
                    return
                }
                events = parsed
            case "maxmemory":
                guard let bytes = parseMemoryValue(value) else {
                    out.writeRESPError(failure("argument must be a memory value"))
                    return
                }
                updated.maxmemory = bytes
            case "proto-max-bulk-len":
                guard let bytes = parseMemoryValue(value) else {
                    out.writeRESPError(failure("argument must be a memory value"))
                    return
                }
                guard bytes >= Self.minimumProtoMaxBulkLength else {
                    out.writeRESPError(
                        failure(
                            "argument must be between \(Self.minimumProtoMaxBulkLength) and \(Int.max) inclusive"))
                    return
                }
                updated.protoMaxBulkLength = bytes
            case "maxmemory-policy":
                guard let policy = EvictionPolicy(rawValue: value.lowercased()) else {
                    out.writeRESPError(
                        failure(
                            """
                                argument(s) must be one of the following: volatile-lru, volatile-lfu, volatile-random, \
                                volatile-ttl, allkeys-lru, allkeys-lfu, allkeys-random, noeviction
                                """
                        ))
                    return
                }
                updated.policy = policy
            case "maxmemory-samples", "maxclients":
                guard let number = parseRedisInteger(Array(value.utf8)), number >= 1, number <= Int64(Int32.max) else {
                    out.writeRESPError(failure("argument couldn't be parsed into an integer"))
                    return
                }
                if name == "maxclients" {
                    updated.maxclients = Int(number)
                } else {
                    updated.maxmemorySamples = Int(number)
                }
            default:
                updated.requirepass = value.isEmpty ? nil : value
            }
            i += 2
        }
        if updated.policy != configuration.policy { evictionPool = [] }
        configuration = updated
        if let events { setKeyspaceEvents(events) }
        if configuration.maxmemory > 0 { evictIfNeeded() }  // as Redis's updateMaxmemory does
        out.writeRESPSimpleString("OK")
    }
}

/// Parses a memory size as Redis's `memtoull`: digits with an optional unit
/// (b, k, kb, m, mb, g, gb; case-insensitive; k = 1000, kb = 1024).
public func parseMemoryValue(_ text: String) -> Int? {
    let lower = text.lowercased()
    let digits = lower.prefix { $0.isASCII && $0.isNumber }
    guard !digits.isEmpty, let number = Int(digits) else { return nil }
    let multipliers: [String: Int] = [
        "": 1, "b": 1, "k": 1000, "kb": 1024, "m": 1_000_000, "mb": 1 << 20, "g": 1_000_000_000, "gb": 1 << 30,
    ]
    guard let multiplier = multipliers[String(lower.dropFirst(digits.count))] else { return nil }
    let (result, overflow) = number.multipliedReportingOverflow(by: multiplier)
    return overflow ? nil : result
}
