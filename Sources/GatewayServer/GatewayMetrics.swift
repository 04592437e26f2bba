import Gateway
import Prometheus
import Synchronization

/// The gateway's Prometheus metrics: requests, cache hits by kind, 429s, 401s, tokens, cost, latency,
/// and the caches' bytes and evictions when they are in this process.
final class GatewayMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    private let requests: Counter
    private let exactHits: Counter
    private let semanticHits: Counter
    private let misses: Counter
    private let rejected: Counter
    private let badRequests: Counter
    private let inputTokens: Counter
    private let outputTokens: Counter
    private let cost: Counter
    private let latency: DurationHistogram
    private let unauthorized: Counter
    private let cacheBytes: Gauge?
    private let cacheEvictions: Counter?
    private let cacheMemory: (@Sendable () -> CacheMemoryUsage)?
    /// Evictions already added to `cacheEvictions` (the caches count their own; each scrape adds the rest).
    private let evictionsReported = Mutex(0)
    /// With a shared server: its failures by state and policy, and the counts already added to each counter.
    private let sharedFailures: SharedStateFailures?
    private let failureCounters: [(counter: Counter, read: @Sendable (SharedStateFailures) -> Int)]
    private let failuresReported: Mutex<[Int]>

    init(cacheMemory: (@Sendable () -> CacheMemoryUsage)? = nil, sharedFailures: SharedStateFailures? = nil) {
        requests = registry.makeCounter(name: "archlab_requests_total", help: "Chat completion requests received.")
        exactHits = registry.makeCounter(
            name: "archlab_cache_hits_total", labels: [("kind", "exact")], help: "Requests answered from a cache.")
        semanticHits = registry.makeCounter(
            name: "archlab_cache_hits_total", labels: [("kind", "semantic")], help: "Requests answered from a cache.")
        misses = registry.makeCounter(name: "archlab_cache_misses_total", help: "Requests that went to the LLM.")
        rejected = registry.makeCounter(
            name: "archlab_rate_limited_total", help: "Requests answered 429 Too Many Requests.")
        badRequests = registry.makeCounter(name: "archlab_bad_requests_total", help: "Requests answered 400 or 413.")
        inputTokens = registry.makeCounter(
            name: "archlab_llm_tokens_total", labels: [("direction", "input")], help: "Tokens billed by the LLM.")
        outputTokens = registry.makeCounter(
            name: "archlab_llm_tokens_total", labels: [("direction", "output")], help: "Tokens billed by the LLM.")
        cost = registry.makeCounter(
            name: "archlab_llm_cost_usd_total", help: "Dollars billed by the LLM at the simulator's price list.")
        latency = registry.makeDurationHistogram(
            name: "archlab_request_duration_seconds",
            buckets: [
                .milliseconds(1), .milliseconds(5), .milliseconds(25), .milliseconds(100), .milliseconds(250),
                .milliseconds(500), .seconds(1), .seconds(2), .seconds(5),
            ],
            help: "Time from request to the end of the response.")
        unauthorized = registry.makeCounter(
            name: "archlab_unauthorized_total", help: "Requests answered 401 for a missing or unknown API key.")
        self.cacheMemory = cacheMemory
        if cacheMemory != nil {
            cacheBytes = registry.makeGauge(
                name: "archlab_cache_bytes", help: "Bytes the exact and semantic caches hold, of --cache-memory.")
            cacheEvictions = registry.makeCounter(
                name: "archlab_cache_evictions_total", help: "Cache entries evicted to stay within --cache-memory.")
        } else {
            cacheBytes = nil
            cacheEvictions = nil
        }
        self.sharedFailures = sharedFailures
        var counters: [(counter: Counter, read: @Sendable (SharedStateFailures) -> Int)] = []
        if sharedFailures != nil {
            let help = "Operations the shared Redis server did not answer, by state and what the gateway did instead."
            let kinds: [(String, String, @Sendable (SharedStateFailures) -> Int)] = [
                ("limiter", "fail-open", { $0.limiterFailedOpen }),
                ("limiter", "fail-closed", { $0.limiterFailedClosed }),
                ("exact-cache", "fail-open", { $0.exactCacheFailures }),
                ("semantic-cache", "fail-open", { $0.semanticCacheFailures }),
            ]
            for (state, policy, read) in kinds {
                let counter = registry.makeCounter(
                    name: "archlab_shared_state_failures_total", labels: [("state", state), ("policy", policy)],
                    help: help)
                counters.append((counter, read))
            }
        }
        failureCounters = counters
        failuresReported = Mutex(Array(repeating: 0, count: counters.count))
    }

    func record(_ result: GatewayResult, duration: Duration) {
        requests.increment()
        switch result.outcome {
        case .exactHit: exactHits.increment()
        case .semanticHit: semanticHits.increment()
        case .miss: misses.increment()
        case .rejected: rejected.increment()
        }
        if let call = result.llmCall {
            inputTokens.increment(by: Int64(call.inputTokens))
            outputTokens.increment(by: Int64(call.outputTokens))
            cost.increment(by: result.costUSD)
        }
        latency.record(duration)
    }

    func recordBadRequest() {
        badRequests.increment()
    }

    /// A request refused for its key: 401, or 429 once its address is over the unauthenticated limit.
    func recordUnauthenticated(throttled: Bool) {
        if throttled { rejected.increment() } else { unauthorized.increment() }
    }

    func text() -> String {
        if let cacheMemory, let cacheBytes, let cacheEvictions {
            let usage = cacheMemory()
            cacheBytes.set(to: Double(usage.bytes))
            let added = evictionsReported.withLock { reported in
                defer { reported = max(reported, usage.evictions) }
                return max(0, usage.evictions - reported)
            }
            if added > 0 { cacheEvictions.increment(by: Int64(added)) }
        }
        if let sharedFailures {
            let counts = failureCounters.map { $0.read(sharedFailures) }
            let added = failuresReported.withLock { reported in
                defer { reported = zip(reported, counts).map { max($0, $1) } }
                return zip(reported, counts).map { max(0, $1 - $0) }
            }
            for (entry, count) in zip(failureCounters, added) where count > 0 {
                entry.counter.increment(by: Int64(count))
            }
        }
        return registry.emitToString()
    }
}
