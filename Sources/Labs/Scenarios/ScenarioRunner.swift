import Clocks
import Dispatch
import Gateway
import Keyspace
import RESP
import RateLimit
import Semantic

/// Runs a scenario on simulated time: the workload's requests go through the step's gateway in
/// arrival order, the clock jumps to each arrival, and nothing sleeps. Same seed, same report.
public struct ScenarioRunner: Sendable {
    public var seed: UInt64
    /// The embedder of the semantic cache (MiniLM or lexical); MiniLM's embeddings are memoised per run.
    public var embedder: any Embedder
    /// A RESP server to keep the exact cache in; nil uses a fresh in-process Keyspace.
    /// On an external server, TTLs run on that server's real clock (a simulated hour passes in
    /// a second), and the run's keys live in their own namespace, deleted when the run ends.
    public var redis: (any RESPCommandSender)?
    /// Connections to `redis` for the rate limiter, which then keeps its state there too, and the
    /// semantic cache, on the server's vector index when it has one (both in the run's namespace).
    public var connections: (any RESPConnectionSource)?
    /// Told once when the semantic cache stays in process because the server has no vector search.
    public var onWarning: (@Sendable (String) -> Void)?

    public init(seed: UInt64 = 42, embedder: any Embedder = LexicalEmbedder(), redis: (any RESPCommandSender)? = nil) {
        self.seed = seed
        self.embedder = embedder
        self.redis = redis
    }

    public func run(_ scenario: Scenario, parameters assignments: [String: String] = [:]) async throws -> ScenarioReport
    {
        let values = try scenario.values(assignments)
        let setup = try scenario.configure(values)
        guard let low = setup.comparisonThreshold, let semantic = setup.semantic else {
            return try await run(setup, scenario: scenario.id, values: values.values)
        }
        // The side-by-side replays the same workload; one memo embeds each prompt once for all three runs.
        var shared = self
        shared.embedder = MemoizingEmbedder.wherePaying(embedder)
        var report = try await shared.run(setup, scenario: scenario.id, values: values.values)
        var inProcess = shared
        inProcess.redis = nil
        inProcess.connections = nil
        var rows: [ThresholdComparison] = []
        var thresholds: [Double?] = [nil, semantic.threshold]
        if low != semantic.threshold { thresholds.append(low) }
        for threshold in thresholds {
            guard threshold != semantic.threshold else {
                rows.append(ThresholdComparison(threshold: threshold, thisRun: true, report: report))
                continue
            }
            var variant = setup
            variant.semantic = threshold.map { (threshold: $0, ttlSeconds: semantic.ttlSeconds) }
            let other = try await inProcess.run(variant, scenario: scenario.id, values: values.values)
            rows.append(ThresholdComparison(threshold: threshold, thisRun: false, report: other))
        }
        report.comparison = rows
        return report
    }

    /// One simulated run of `setup`; `id` and `values` only label the report.
    private func run(_ setup: ScenarioSetup, scenario id: String, values: [String: String]) async throws
        -> ScenarioReport
    {
        let clock = ManualClock()
        let workload = WorkloadGenerator.generate(setup.workload, seed: seed)
        var semanticCache: SemanticCache?
        if let semantic = setup.semantic {
            semanticCache = SemanticCache(
                embedder: MemoizingEmbedder.wherePaying(embedder),
                configuration: SemanticCacheConfiguration(
                    threshold: Float(semantic.threshold), ttl: semantic.ttlSeconds, maxEntries: 100_000,
                    index: .suited(to: embedder)),
                clock: clock)
        }
        // On a shared server this run gets its own namespace, removed again at the end.
        let namespace = redis == nil ? "" : "archlab:run:\(UInt64.random(in: 1...UInt64.max)):"
        var parts = GatewayParts(
            redis: redis ?? SharedKeyspace(configuration: KeyspaceConfiguration(), clock: clock, seed: seed),
            exactTTLSeconds: setup.exactTTLSeconds, semanticCache: semanticCache)
        parts.limiting = setup.limiting
        parts.clock = clock
        parts.prices = setup.llm.prices
        if let connections {
            parts.shared = SharedState(connections: connections)
            parts.limiterPrefix = namespace + "ratelimit"
        }
        parts.identifierGuard = setup.identifierGuard
        parts.exactKeyPrefix = namespace
        parts.cachePolicy = setup.cachePolicy
        let llm = SimulatedLLM(profile: setup.llm, seed: seed)
        var stages = try ServerSwift.stages(step: setup.step, parts)
        var sharedIndex: SharedSemanticIndex?
        if let connections, let redis, semanticCache != nil {
            switch try await SharedSemanticIndex.prepare(
                on: redis, embedder: embedder.name, dimension: embedder.dimension, namespace: namespace + "semantic:")
            {
            case .ready(let index):
                sharedIndex = index
                stages = SharedSemanticCacheStage.substitute(
                    in: stages, shared: SharedState(connections: connections), index: index)
            case .unsupported(let reason):
                onWarning?("the server has no vector search (\(reason)); the semantic cache stays in process")
            }
        }
        let gateway = Gateway(stages: stages, llm: LLMStage(llm))

        var builder = ReportBuilder(
            scenario: id, seed: seed, parameters: values,
            embedder: setup.semantic == nil ? nil : embedder.name, prices: setup.llm.prices,
            durationMs: setup.workload.durationMs, auditsAnswers: setup.auditsAnswers)
        var listCosts: [LLMRequest: Double] = [:]
        for item in workload {
            try Task.checkCancellation()
            clock.set(milliseconds: item.atMs)
            let request = GatewayRequest(
                request: item.request, apiKey: item.client.apiKey, clientAddress: "10.0.0.1", stream: item.stream,
                atMs: item.atMs, label: item.intent)
            let result = try await gateway.handle(request)
            // A request that reached the model is priced by its call; only the others need the list price.
            var listCost = 0.0
            if result.llmCall == nil {
                if let known = listCosts[item.request] {
                    listCost = known
                } else {
                    listCost = llm.listCost(of: item.request)
                    listCosts[item.request] = listCost
                }
            }
            builder.record(item, result, listCost: listCost)
        }
        if let redis {
            if let sharedIndex { _ = try await redis.send(["FT.DROPINDEX", sharedIndex.name]) }
            try await Self.removeKeys(matching: namespace + "*", on: redis)
        }
        Self.releaseElsewhere((gateway, parts, workload, listCosts))
        return builder.finish()
    }

    /// Drops a finished run's gateway, caches and workload on another thread: a run of 100,000
    /// requests leaves hundreds of thousands of objects to free, and the report need not wait.
    private static func releaseElsewhere(_ leftovers: some Sendable) {
        DispatchQueue.global(qos: .utility).async { withExtendedLifetime(leftovers) {} }
    }

    /// Deletes a run's keys with SCAN and UNLINK, never KEYS or FLUSHDB on someone's server. The
    /// whole scan comes first: deleting while scanning made `archlab redis-server`'s cursor skip keys
    /// (2,000 requests left 258 behind), and SCAN only promises to visit keys that stay.
    private static func removeKeys(matching pattern: String, on redis: any RESPCommandSender) async throws {
        var cursor = "0"
        var names: [String] = []
        repeat {
            let reply = try await redis.send(["SCAN", cursor, "MATCH", pattern, "COUNT", "500"])
            guard case .array(let parts) = reply, parts.count == 2, let next = parts[0].text,
                case .array(let keys) = parts[1]
            else { break }
            names += keys.compactMap(\.text)
            cursor = next
        } while cursor != "0"
        for start in stride(from: 0, to: names.count, by: 500) {
            _ = try await redis.send(["UNLINK"] + names[start..<min(start + 500, names.count)])
        }
    }
}
