import RESP

extension FixedWindow: RESPStoredAlgorithm {
    public func storeKeys(base: String, now: Int64) -> [String] {
        ["\(base):\(floorDiv(now, windowMilliseconds))"]
    }

    public func readCommand(keys: [String], now: Int64) -> [String] {
        ["GET", keys[0]]
    }

    public func decodeState(_ reply: RESPValue, now: Int64) throws -> State? {
        try reply.storedInteger("GET").map {
            State(window: floorDiv(now, windowMilliseconds), count: Int(clamping: $0))
        }
    }

    public func writeCommands(keys: [String], old: State?, new: State, now: Int64, grace: Int64) -> [[String]] {
        [
            [
                "SET", keys[0], String(new.count), "PX",
                ttlArgument(until: (new.window + 1) * windowMilliseconds, now: now, grace: grace),
            ]
        ]
    }

    /// Every request is counted, so one pipelined `SET key 0 PX ttl NX` and `INCRBY key cost`
    /// decide it: one round trip, nothing to retry.
    public func atomicCommands(keys: [String], now: Int64, cost: Int, grace: Int64) -> [[String]]? {
        let end = (floorDiv(now, windowMilliseconds) + 1) * windowMilliseconds
        return [
            ["SET", keys[0], "0", "PX", ttlArgument(until: end, now: now, grace: grace), "NX"],
            ["INCRBY", keys[0], String(cost)],
        ]
    }

    public func atomicResult(_ replies: [RESPValue], now: Int64, cost: Int) throws -> RateLimitResult {
        guard replies.count == 2, let counted = try replies[1].storedInteger("INCRBY") else {
            throw RateLimitError.storeReply(command: "INCRBY", reply: "\(replies)")
        }
        var state: State? = State(window: floorDiv(now, windowMilliseconds), count: Int(clamping: counted) - cost)
        return decide(&state, now: now, cost: cost)
    }
}

extension SlidingWindow: RESPStoredAlgorithm {
    public func storeKeys(base: String, now: Int64) -> [String] {
        let window = floorDiv(now, windowMilliseconds)
        return ["\(base):\(window)", "\(base):\(window - 1)"]
    }

    public func readCommand(keys: [String], now: Int64) -> [String] {
        ["MGET"] + keys
    }

    public func decodeState(_ reply: RESPValue, now: Int64) throws -> State? {
        let values = try reply.storedElements("MGET")
        guard values.count == 2 else { throw RateLimitError.storeReply(command: "MGET", reply: "\(reply)") }
        let current = try values[0].storedInteger("MGET")
        let previous = try values[1].storedInteger("MGET")
        if current == nil && previous == nil { return nil }
        return State(
            window: floorDiv(now, windowMilliseconds), current: Int(clamping: current ?? 0),
            previous: Int(clamping: previous ?? 0))
    }

    public func writeCommands(keys: [String], old: State?, new: State, now: Int64, grace: Int64) -> [[String]] {
        [
            [
                "SET", keys[0], String(new.current), "PX",
                ttlArgument(until: (new.window + 2) * windowMilliseconds, now: now, grace: grace),
            ]
        ]
    }

    /// One round trip: count the request in the current window's counter (created with its TTL
    /// if missing) and read the previous window's, in one pipeline; then decide on the count
    /// before this request, exactly as the in-memory limiter would. A rejection is not counted
    /// (Upstash's rule), so it is taken back with a `DECRBY` (`atomicUndo`).
    public func atomicCommands(keys: [String], now: Int64, cost: Int, grace: Int64) -> [[String]]? {
        let end = (floorDiv(now, windowMilliseconds) + 2) * windowMilliseconds
        return [
            ["SET", keys[0], "0", "PX", ttlArgument(until: end, now: now, grace: grace), "NX"],
            ["INCRBY", keys[0], String(cost)],
            ["GET", keys[1]],
        ]
    }

    public func atomicResult(_ replies: [RESPValue], now: Int64, cost: Int) throws -> RateLimitResult {
        var state: State? = try atomicState(replies, cost: cost, now: now)
        return decide(&state, now: now, cost: cost)
    }

    public func atomicUndo(
        keys: [String], result: RateLimitResult, replies: [RESPValue], now: Int64, cost: Int
    ) -> [[String]] {
        guard !result.success, let state = try? atomicState(replies, cost: cost, now: now) else { return [] }
        // Counted and rejected (cost > 1 over the limit) stays counted, as in memory.
        let uncounted = weightedPrevious(state.previous, now: now) + state.current >= limit
        return uncounted ? [["DECRBY", keys[0], String(cost)]] : []
    }

    private func atomicState(_ replies: [RESPValue], cost: Int, now: Int64) throws -> State {
        guard replies.count == 3, let counted = try replies[1].storedInteger("INCRBY") else {
            throw RateLimitError.storeReply(command: "INCRBY", reply: "\(replies)")
        }
        let previous = try replies[2].storedInteger("GET") ?? 0
        return State(
            window: floorDiv(now, windowMilliseconds), current: Int(clamping: counted) - cost,
            previous: Int(clamping: previous))
    }
}

extension TokenBucket: RESPStoredAlgorithm {
    public func storeKeys(base: String, now: Int64) -> [String] { [base] }

    public func readCommand(keys: [String], now: Int64) -> [String] {
        ["HMGET", keys[0], "refilledAt", "tokens", "expiresAt"]
    }

    public func decodeState(_ reply: RESPValue, now: Int64) throws -> State? {
        let values = try reply.storedElements("HMGET")
        guard values.count == 3 else { throw RateLimitError.storeReply(command: "HMGET", reply: "\(reply)") }
        guard let refilledAt = try values[0].storedInteger("HMGET"), let tokens = try values[1].storedInteger("HMGET")
        else { return nil }
        let expiresAt = try values[2].storedInteger("HMGET") ?? Int64.max
        return State(refilledAt: refilledAt, tokens: Int(clamping: tokens), expiresAt: expiresAt)
    }

    public func writeCommands(keys: [String], old: State?, new: State, now: Int64, grace: Int64) -> [[String]] {
        [
            [
                "HSET", keys[0], "refilledAt", String(new.refilledAt), "tokens", String(new.tokens), "expiresAt",
                String(new.expiresAt),
            ],
            ["PEXPIRE", keys[0], ttlArgument(until: new.expiresAt, now: now, grace: grace)],
        ]
    }
}

extension SlidingLog: RESPStoredAlgorithm {
    public func storeKeys(base: String, now: Int64) -> [String] { [base] }

    public func readCommand(keys: [String], now: Int64) -> [String] {
        ["ZRANGEBYSCORE", keys[0], "(\(now - windowMilliseconds)", "+inf", "WITHSCORES"]
    }

    public func decodeState(_ reply: RESPValue, now: Int64) throws -> State? {
        let elements = try reply.storedElements("ZRANGEBYSCORE")
        var scores: [Int64] = []
        if case .array = elements.first {
            for element in elements {
                guard case .array(let pair) = element, pair.count == 2 else {
                    throw RateLimitError.storeReply(command: "ZRANGEBYSCORE", reply: "\(reply)")
                }
                scores.append(try Self.score(pair[1]))
            }
        } else {
            guard elements.count % 2 == 0 else {
                throw RateLimitError.storeReply(command: "ZRANGEBYSCORE", reply: "\(reply)")
            }
            scores = try stride(from: 1, to: elements.count, by: 2).map { try Self.score(elements[$0]) }
        }
        return scores.isEmpty ? nil : State(entries: scores.sorted())
    }

    private static func score(_ value: RESPValue) throws -> Int64 {
        if case .double(let number) = value, let whole = Int64(exactly: number) { return whole }
        if let text = value.text, let whole = Int64(text) { return whole }
        if let text = value.text, let number = Double(text), let whole = Int64(exactly: number) { return whole }
        throw RateLimitError.storeReply(command: "ZRANGEBYSCORE", reply: "\(value)")
    }

    public func writeCommands(keys: [String], old: State?, new: State, now: Int64, grace: Int64) -> [[String]] {
        let oldEntries = old?.entries ?? []
        let added = new.entries.suffix(max(0, new.entries.count - oldEntries.count))
        let sameInstant = oldEntries.filter { $0 == now }.count
        var add = ["ZADD", keys[0]]
        for (offset, score) in added.enumerated() {
            add.append(String(score))
            add.append("\(score)#\(sameInstant + offset)")
        }
        return [
            ["ZREMRANGEBYSCORE", keys[0], "-inf", String(now - windowMilliseconds)],
            add,
            ["PEXPIRE", keys[0], ttlArgument(until: now + windowMilliseconds, now: now, grace: grace)],
        ]
    }
}

extension ContinuousTokenBucket: RESPStoredAlgorithm {
    public func storeKeys(base: String, now: Int64) -> [String] { [base] }

    public func readCommand(keys: [String], now: Int64) -> [String] {
        ["HMGET", keys[0], "level", "updatedAt"]
    }

    public func decodeState(_ reply: RESPValue, now: Int64) throws -> State? {
        let values = try reply.storedElements("HMGET")
        guard values.count == 2 else { throw RateLimitError.storeReply(command: "HMGET", reply: "\(reply)") }
        guard let level = try values[0].storedInteger("HMGET"), let updatedAt = try values[1].storedInteger("HMGET")
        else { return nil }
        return State(level: level, updatedAt: updatedAt)
    }

    public func writeCommands(keys: [String], old: State?, new: State, now: Int64, grace: Int64) -> [[String]] {
        let missing = Int64(capacity) * intervalMilliseconds - new.level
        return [
            ["HSET", keys[0], "level", String(new.level), "updatedAt", String(new.updatedAt)],
            ["PEXPIRE", keys[0], ttlArgument(until: now + ceilDiv(missing, Int64(refill)), now: now, grace: grace)],
        ]
    }
}

extension GCRA: RESPStoredAlgorithm {
    public func storeKeys(base: String, now: Int64) -> [String] { [base] }

    public func readCommand(keys: [String], now: Int64) -> [String] {
        ["GET", keys[0]]
    }

    public func decodeState(_ reply: RESPValue, now: Int64) throws -> State? {
        try reply.storedInteger("GET").map { State(tat: $0) }
    }

    public func writeCommands(keys: [String], old: State?, new: State, now: Int64, grace: Int64) -> [[String]] {
        [
            [
                "SET", keys[0], String(new.tat), "PX",
                ttlArgument(until: ceilDiv(new.tat, Int64(refill)), now: now, grace: grace),
            ]
        ]
    }
}
