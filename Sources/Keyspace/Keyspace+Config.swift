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
            ("notify-keyspace-events", keyspaceEventLetters),
        ] + thresholdParameters + inertParameters
    }

    /// The parameters accepted and shown but without effect here, under their names and aliases.
    private var inertParameters: [(String, String)] {
        InertParameter.all.flatMap { parameter -> [(String, String)] in
            let value = configuration.inertValues[parameter.name] ?? parameter.defaultValue
            return [(parameter.name, value)] + (parameter.alias.map { [($0, value)] } ?? [])
        }
    }

    /// The encoding thresholds under their names and their Redis 6 aliases.
    private var thresholdParameters: [(String, String)] {
        EncodingThresholds.parameters.flatMap { parameter -> [(String, String)] in
            let value = String(introspection.thresholds[keyPath: parameter.path])
            return [(parameter.name, value)] + (parameter.alias.map { [($0, value)] } ?? [])
        }
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
            introspection.resetStatistics()
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

    private static let settable: Set<String> = [
        "maxmemory", "maxmemory-policy", "maxmemory-samples", "requirepass", "maxclients", "proto-max-bulk-len",
        "notify-keyspace-events",
    ]

    /// CONFIG SET as Redis 7.0 checks it: every name first (the first unknown one is reported, then
    /// duplicates), then every value in order; nothing changes unless all are valid.
    private func configSet(_ argv: [ByteBuffer], _ out: inout ByteBuffer) {
        guard argv.count % 2 == 0 else {
            out.writeRESPError(Self.syntaxError)
            return
        }
        var names: [String] = []
        var canonicalNames: [String] = []
        for i in stride(from: 2, to: argv.count, by: 2) {
            let name = argv[i].text.lowercased()
            guard
                let canonical = Self.settable.contains(name)
                    ? name : EncodingThresholds.canonical(name) ?? InertParameter.named(name)?.name
            else {
                out.writeRESPError(
                    sanitize("ERR Unknown option or number of arguments for CONFIG SET - '\(argv[i].text)'"))
                return
            }
            if canonicalNames.contains(canonical) {
                out.writeRESPError(
                    sanitize(
                        "ERR CONFIG SET failed (possibly related to argument '\(argv[i].text)') - duplicate parameter"
                    ))
                return
            }
            names.append(name)
            canonicalNames.append(canonical)
        }
        var updated = configuration
        var thresholds = introspection.thresholds
        var events: KeyspaceEvents?
        for (index, canonical) in canonicalNames.enumerated() {
            let value = argv[3 + 2 * index].text
            let reason: String?
            if canonical == "notify-keyspace-events" {
                events = parseKeyspaceEvents(value)
                reason = events == nil ? "Invalid event class character. Use 'Ag$lshzxeKEtmdn'." : nil
            } else if let inert = InertParameter.named(canonical) {
                reason = inert.rejection(of: value)
                if reason == nil { updated.inertValues[inert.name] = inert.normalized(value) }
            } else if EncodingThresholds.canonical(canonical) != nil {
                reason = setThreshold(canonical, value, &thresholds)
            } else {
                reason = setParameter(canonical, value, &updated)
            }
            if let reason {
                out.writeRESPError(
                    sanitize("ERR CONFIG SET failed (possibly related to argument '\(names[index])') - \(reason)"))
                return
            }
        }
        if updated.policy != configuration.policy { evictionPool = [] }
        configuration = updated
        introspection.thresholds = thresholds
        if let events { setKeyspaceEvents(events) }
        if configuration.maxmemory > 0 { evictIfNeeded() }  // as Redis's updateMaxmemory does
        out.writeRESPSimpleString("OK")
    }

    /// Sets one encoding threshold; the error reason when the value is not accepted.
    private func setThreshold(_ name: String, _ value: String, _ thresholds: inout EncodingThresholds) -> String? {
        guard let parameter = EncodingThresholds.parameters.first(where: { $0.name == name }) else { return nil }
        let isMemory = name.hasSuffix("-value")
        let number: Int64
        if isMemory {
            guard let bytes = parseMemoryValue(value) else { return "argument must be a memory value" }
            number = Int64(bytes)
        } else {
            guard let parsed = parseRedisInteger(Array(value.utf8)) else {
                return "argument couldn't be parsed into an integer"
            }
            number = parsed
        }
        let low: Int64 = name == "list-max-listpack-size" ? Int64(Int32.min) : 0
        let high: Int64 = name.hasPrefix("list-") ? Int64(Int32.max) : Int64.max
        guard number >= low && number <= high else {
            return "argument must be between \(low) and \(high) inclusive"
        }
        thresholds[keyPath: parameter.path] = number
        return nil
    }

    /// Sets one of the keyspace's own parameters; the error reason when the value is not accepted.
    private func setParameter(_ name: String, _ value: String, _ updated: inout KeyspaceConfiguration) -> String? {
        switch name {
        case "maxmemory":
            guard let bytes = parseMemoryValue(value) else { return "argument must be a memory value" }
            updated.maxmemory = bytes
        case "proto-max-bulk-len":
            guard let bytes = parseMemoryValue(value) else { return "argument must be a memory value" }
            guard bytes >= Self.minimumProtoMaxBulkLength else {
                return "argument must be between \(Self.minimumProtoMaxBulkLength) and \(Int.max) inclusive"
            }
            updated.protoMaxBulkLength = bytes
        case "maxmemory-policy":
            guard let policy = EvictionPolicy(rawValue: value.lowercased()) else {
                return """
                    argument(s) must be one of the following: volatile-lru, volatile-lfu, volatile-random, \
                    volatile-ttl, allkeys-lru, allkeys-lfu, allkeys-random, noeviction
                    """
            }
            updated.policy = policy
        case "maxmemory-samples", "maxclients":
            guard let number = parseRedisInteger(Array(value.utf8)), number >= 1, number <= Int64(Int32.max) else {
                return "argument couldn't be parsed into an integer"
            }
            if name == "maxclients" {
                updated.maxclients = Int(number)
            } else {
                updated.maxmemorySamples = Int(number)
            }
        default:
            updated.requirepass = value.isEmpty ? nil : value
        }
        return nil
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
