/// The algorithms `limit simulate` can run; `all` in the CLI means every one of them.
public enum SimulatedAlgorithm: String, CaseIterable, Hashable, Sendable {
    case fixedWindow = "fixed-window"
    case slidingWindow = "sliding-window"
    case slidingLog = "sliding-log"
    case tokenBucket = "token-bucket"
    case continuousBucket = "continuous-bucket"
    case gcra

    /// Whether it takes `--limit`/`--window` (else `--capacity`/`--refill`/`--interval`).
    public var isWindowed: Bool {
        switch self {
        case .fixedWindow, .slidingWindow, .slidingLog: return true
        case .tokenBucket, .continuousBucket, .gcra: return false
        }
    }
}

/// Everything a simulation needs, as parsed from `limit simulate` arguments (or a REPL
/// line). Bucket parameters default to the window ones, capacity = limit and
/// refill = limit per window, so `all` compares like with like.
public struct SimulationOptions: Hashable, Sendable {
    public var algorithms: [SimulatedAlgorithm]
    public var traffic: TrafficSpec
    public var seed: UInt64
    public var limit: Int
    public var window: LimitDuration
    public var capacity: Int?
    public var refill: Int?
    public var interval: LimitDuration?

    public init(
        algorithms: [SimulatedAlgorithm],
        traffic: TrafficSpec,
        seed: UInt64 = 1,
        limit: Int = 10,
        window: LimitDuration,
        capacity: Int? = nil,
        refill: Int? = nil,
        interval: LimitDuration? = nil
    ) {
        self.algorithms = algorithms
        self.traffic = traffic
        self.seed = seed
        self.limit = limit
        self.window = window
        self.capacity = capacity
        self.refill = refill
        self.interval = interval
    }

    public var effectiveCapacity: Int { capacity ?? limit }
    public var effectiveRefill: Int { refill ?? limit }
    public var effectiveInterval: LimitDuration { interval ?? window }
}
