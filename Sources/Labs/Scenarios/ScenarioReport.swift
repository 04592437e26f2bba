import Gateway
import Histogram

/// What a scenario run measured. Field names are the JSON contract (`archlab run --format json`).
public struct ScenarioReport: Sendable, Codable, Hashable {
    public struct Latency: Sendable, Codable, Hashable {
        public var p50: Double
        public var p95: Double
        public var p99: Double
    }

    /// One point of the hit-ratio and cost timeline, per tenth of the run.
    public struct TimelinePoint: Sendable, Codable, Hashable {
        public var requests: Int
        public var hits: Int
        public var rejected: Int
        public var costUSD: Double
        public var baselineCostUSD: Double

        enum CodingKeys: String, CodingKey {
            case requests, hits, rejected
            case costUSD = "cost_usd"
            case baselineCostUSD = "baseline_cost_usd"
        }
    }

    /// Allowed and rejected requests of one kind of client.
    public struct ClientCounts: Sendable, Codable, Hashable {
        public var allowed: Int
        public var rejected: Int
    }

    /// A cached answer served to a caller it was not written for (the security lab's example).
    public struct ServedExample: Sendable, Codable, Hashable {
        /// The tenant of the caller who got the answer.
        public var tenant: String
        public var prompt: String
        /// The tenant whose request the answer was written for.
        public var writtenFor: String
        /// The start of the answer served.
        public var answer: String

        enum CodingKeys: String, CodingKey {
            case tenant, prompt
            case writtenFor = "written_for"
            case answer
        }
    }

    public var scenario: String
    public var seed: UInt64
    public var parameters: [String: String]
    public var embedder: String?
    public var prices: String
    public var requests: Int
    public var exactHits: Int
    public var semanticHits: Int
    public var wrongSemanticHits: Int
    /// Every request that reached the LLM, whether it failed or not.
    public var misses: Int
    public var llmErrors: Int
    public var streamsAborted: Int
    public var rejected: Int
    public var rejectedByKind: [String: Int]
    public var byKind: [String: ClientCounts]
    public var llmCalls: Int
    public var tokens: Int
    public var costUSD: Double
    public var baselineCostUSD: Double
    public var latencyMs: Latency
    public var timeline: [TimelinePoint]
    /// Security lab only (nil elsewhere): cache hits that served another tenant's answer, and an example.
    public var leakedAnswers: Int?
    public var leakExample: ServedExample?
    /// Security lab only: cache hits that served an answer shaped by an attacker's context, and an example.
    public var poisonedAnswers: Int?
    public var poisonExample: ServedExample?
    /// Semantic-cache runs: the same traffic with the exact cache alone, at this run's threshold and at
    /// a low one (absent from other runs' JSON).
    public var comparison: [ThresholdComparison]?

    enum CodingKeys: String, CodingKey {
        case scenario, seed, parameters, embedder, prices, requests
        case exactHits = "exact_hits"
        case semanticHits = "semantic_hits"
        case wrongSemanticHits = "wrong_semantic_hits"
        case misses
        case llmErrors = "llm_errors"
        case streamsAborted = "streams_aborted"
        case rejected
        case rejectedByKind = "rejected_by_kind"
        case byKind = "by_kind"
        case llmCalls = "llm_calls"
        case tokens
        case costUSD = "cost_usd"
        case baselineCostUSD = "baseline_cost_usd"
        case latencyMs = "latency_ms"
        case timeline
        case leakedAnswers = "leaked_answers"
        case leakExample = "leak_example"
        case poisonedAnswers = "poisoned_answers"
        case poisonExample = "poison_example"
        case comparison
    }

    /// The share of the no-cache, no-limit bill that was saved (0.62 = 62 % cheaper).
    public var savings: Double {
        baselineCostUSD > 0 ? 1 - costUSD / baselineCostUSD : 0
    }

    public var hitRatio: Double {
        requests > 0 ? Double(exactHits + semanticHits) / Double(requests) : 0
    }
}

/// Collects a run's outcomes request by request and turns them into a report.
struct ReportBuilder {
    private var histogram = Histogram<UInt64>(highestTrackableValue: 3_600_000_000)
    private(set) var report: ScenarioReport
    private static let timelineBuckets = 10
    private let durationMs: Int64
    /// Security lab: who each answer the model wrote was for, by its text (nil when not audited).
    private var writers: [String: (tenant: String, attacker: Bool)]?

    init(
        scenario: String, seed: UInt64, parameters: [String: String], embedder: String?, prices: PriceList,
        durationMs: Int64, auditsAnswers: Bool = false
    ) {
        self.durationMs = max(1, durationMs)
        writers = auditsAnswers ? [:] : nil
        report = ScenarioReport(
            scenario: scenario, seed: seed, parameters: parameters, embedder: embedder, prices: prices.source,
            requests: 0, exactHits: 0, semanticHits: 0, wrongSemanticHits: 0, misses: 0, llmErrors: 0,
            streamsAborted: 0, rejected: 0, rejectedByKind: [:], byKind: [:], llmCalls: 0, tokens: 0, costUSD: 0,
            baselineCostUSD: 0, latencyMs: .init(p50: 0, p95: 0, p99: 0),
            timeline: Array(
                repeating: .init(requests: 0, hits: 0, rejected: 0, costUSD: 0, baselineCostUSD: 0),
                count: Self.timelineBuckets)
        )
        if auditsAnswers {
            report.leakedAnswers = 0
            report.poisonedAnswers = 0
        }
    }

    /// `listCost` is what the request costs when the model answers it in full; a request that did
    /// reach the model counts at what that call really cost (an aborted stream is billed only for
    /// what it produced), so the baseline and this step price the same call the same way.
    mutating func record(_ request: WorkloadRequest, _ result: GatewayResult, listCost: Double) {
        let baselineCost = result.llmCall?.costUSD ?? listCost
        let bucket = min(Self.timelineBuckets - 1, Int(request.atMs * Int64(Self.timelineBuckets) / durationMs))
        let kind = request.client.kind.rawValue
        report.requests += 1
        report.timeline[bucket].requests += 1
        report.baselineCostUSD += baselineCost
        report.timeline[bucket].baselineCostUSD += baselineCost
        var counts = report.byKind[kind] ?? .init(allowed: 0, rejected: 0)
        switch result.outcome {
        case .rejected:
            report.rejected += 1
            report.rejectedByKind[kind, default: 0] += 1
            report.timeline[bucket].rejected += 1
            counts.rejected += 1
        case .exactHit:
            report.exactHits += 1
            report.timeline[bucket].hits += 1
            counts.allowed += 1
        case .semanticHit(_, let intent):
            report.semanticHits += 1
            report.timeline[bucket].hits += 1
            if intent != request.intent { report.wrongSemanticHits += 1 }
            counts.allowed += 1
        case .miss:
            report.misses += 1
            counts.allowed += 1
        }
        report.byKind[kind] = counts
        if let call = result.llmCall {
            report.llmCalls += 1
            report.tokens += call.inputTokens + call.outputTokens
            report.costUSD += result.costUSD
            report.timeline[bucket].costUSD += result.costUSD
            if case .failed = call.outcome { report.llmErrors += 1 }
            if case .aborted = call.outcome {
                report.llmErrors += 1
                report.streamsAborted += 1
            }
        }
        if writers != nil { audit(request, result) }
        if case .rejected = result.outcome {
        } else {
            _ = histogram.record(UInt64(max(0, result.latencyMs * 1000).rounded()))
        }
    }

    /// Remembers whom the model wrote each answer for; counts a cache hit that serves an answer written
    /// for another tenant (leaked) or shaped by an attacker's context (poisoned).
    private mutating func audit(_ request: WorkloadRequest, _ result: GatewayResult) {
        let attacker = request.client.kind == .attacker
        switch result.outcome {
        case .miss:
            if result.complete, result.status == 200, writers?[result.text] == nil {
                writers?[result.text] = (request.client.tenant, attacker)
            }
        case .exactHit, .semanticHit:
            guard let writer = writers?[result.text], !attacker else { return }
            let example = ScenarioReport.ServedExample(
                tenant: request.client.tenant, prompt: request.request.prompt, writtenFor: writer.tenant,
                answer: Self.opening(result.text))
            if writer.attacker {
                report.poisonedAnswers = (report.poisonedAnswers ?? 0) + 1
                if report.poisonExample == nil { report.poisonExample = example }
            } else if writer.tenant != request.client.tenant {
                report.leakedAnswers = (report.leakedAnswers ?? 0) + 1
                if report.leakExample == nil { report.leakExample = example }
            }
        case .rejected:
            return
        }
    }

    /// The first 160 characters of an answer, cut at a word.
    private static func opening(_ text: String) -> String {
        guard text.count > 160 else { return text }
        let head = text.prefix(160)
        return String(head[..<(head.lastIndex(of: " ") ?? head.endIndex)]) + " …"
    }

    func finish() -> ScenarioReport {
        var final = report
        func ms(_ percentile: Double) -> Double {
            histogram.totalCount == 0
                ? 0 : (Double(histogram.valueAtPercentile(percentile)) / 1000 * 100).rounded() / 100
        }
        final.latencyMs = .init(p50: ms(50), p95: ms(95), p99: ms(99))
        /// Dollars to the millionth.
        func dollars(_ value: Double) -> Double { (value * 1_000_000).rounded() / 1_000_000 }
        final.costUSD = dollars(final.costUSD)
        final.baselineCostUSD = dollars(final.baselineCostUSD)
        final.timeline = final.timeline.map { point in
            var point = point
            point.costUSD = dollars(point.costUSD)
            point.baselineCostUSD = dollars(point.baselineCostUSD)
            return point
        }
        return final
    }
}
