import RESP

/// How an algorithm keeps its state in a Redis-compatible store: which keys, the one
/// command that reads them atomically, and the commands (run inside MULTI/EXEC) that
/// write the new state. Keys carry a TTL of the state's lifetime plus a grace period, so
/// expiry only collects garbage and never changes a decision.
public protocol RESPStoredAlgorithm: RateLimitAlgorithm {
    /// The keys holding the state of `base` (`prefix:identifier`) at `now`; all are WATCHed.
    func storeKeys(base: String, now: Int64) -> [String]
    /// One command reading the whole state from `keys`.
    func readCommand(keys: [String], now: Int64) -> [String]
    /// The state in the read reply, or `nil` when nothing is stored.
    func decodeState(_ reply: RESPValue, now: Int64) throws -> State?
    /// Commands storing `new` in place of `old`; `grace` is added to every TTL.
    func writeCommands(keys: [String], old: State?, new: State, now: Int64, grace: Int64) -> [[String]]

    /// Commands that decide a request in one pipeline without reading first, when the algorithm
    /// allows it (a counter that is always incremented); each must be atomic on its own, since
    /// they run without MULTI/EXEC. `nil` otherwise.
    func atomicCommands(keys: [String], now: Int64, cost: Int, grace: Int64) -> [[String]]?

    /// The result from the replies to `atomicCommands`, in order.
    func atomicResult(_ replies: [RESPValue], now: Int64, cost: Int) throws -> RateLimitResult

    /// Commands that take back what `atomicCommands` counted when the decision was a rejection
    /// the algorithm does not count (a second round trip, on rejections only); none by default.
    func atomicUndo(keys: [String], result: RateLimitResult, replies: [RESPValue], now: Int64, cost: Int)
        -> [[String]]
}

extension RESPStoredAlgorithm {
    public func atomicCommands(keys: [String], now: Int64, cost: Int, grace: Int64) -> [[String]]? { nil }

    public func atomicResult(_ replies: [RESPValue], now: Int64, cost: Int) throws -> RateLimitResult {
        throw RateLimitError.storeReply(command: "EXEC", reply: "\(replies)")
    }

    public func atomicUndo(
        keys: [String], result: RateLimitResult, replies: [RESPValue], now: Int64, cost: Int
    ) -> [[String]] { [] }
}

extension RESPValue {
    /// The reply as an integer: `:n`, or a bulk/simple string holding a decimal number.
    func storedInteger(_ command: String) throws -> Int64? {
        switch self {
        case .nullBulk, .nullArray: return nil
        case .integer(let value): return value
        default:
            if let text = self.text, let value = Int64(text) { return value }
            throw RateLimitError.storeReply(command: command, reply: "\(self)")
        }
    }

    /// The elements of an array-like reply (array, set, or RESP3 map flattened).
    func storedElements(_ command: String) throws -> [RESPValue] {
        switch self {
        case .array(let values), .set(let values): return values
        case .map(let pairs): return pairs.flatMap { [$0.key, $0.value] }
        case .nullArray, .nullBulk: return []
        default: throw RateLimitError.storeReply(command: command, reply: "\(self)")
        }
    }
}

/// A TTL in milliseconds, as text for `PX`/`PEXPIRE`: the time until `expiresAt` plus `grace`.
func ttlArgument(until expiresAt: Int64, now: Int64, grace: Int64) -> String {
    let remaining = expiresAt >= Int64.max - grace ? Int64.max / 4 : expiresAt - now
    return String(max(1, remaining) + grace)
}
