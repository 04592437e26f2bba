import Clocks
import CourseKit
import Foundation
import Gateway
import Keyspace
import Labs
import Semantic

/// `archlab check capstone`: the learner's whole gateway (their `Handler` wired to their eight files by the provided
/// `CapstoneCalls`) answers a lab scenario's traffic next to ArchLab's own gateway of the same step, run in process
/// on the same requests with a manual clock. Each request goes to the harness with its embedding (the lexical
/// embedder's, so no model file is needed) and the simulated LLM's answer, so both gateways meet the same model.
struct CapstoneRun {
    let spec: CapstoneSpec
    let hint: String
    /// Seconds each request may take.
    let timeLimit: Int

    /// Arrival times start here (a whole number of every window), so the learner's limiter sees Unix milliseconds.
    static let epochMs: Int64 = 1_700_000_000_000

    /// One request of the traffic, with what ArchLab's gateway did and the model's answer to supply.
    struct Planned {
        var item: WorkloadRequest
        var reference: GatewayOutcome
        var chunks: [String]
        var aborts: Bool
        var inputTokens: Int
        var outputTokens: Int
        var embedding: SparseEmbedding
    }

    struct SparseEmbedding {
        var dimension: Int
        var indices: [Int]
        var weights: [Float]
    }

    /// The traffic and ArchLab's answers, with the limiter and threshold the learner's gateway must use.
    struct Plan {
        var requests: [Planned]
        var limit: Int
        var windowMs: Int64
        var threshold: Double
        var costUSD: Double
        var baselineCostUSD: Double
    }

    /// Runs ArchLab's gateway of the scenario's step over its traffic (as `ScenarioRunner` does, keeping each
    /// request's outcome and model call).
    static func plan(_ spec: CapstoneSpec) async throws(ExerciseError) -> Plan {
        do {
            let scenario = try ScenarioCatalog.scenario(spec.scenario)
            var setup = try scenario.setup(spec.parameters)
            setup.workload.tenants = spec.tenants
            guard let semantic = setup.semantic, let limiter = setup.limiter, limiter.algorithm == "sliding-window"
            else {
                throw ExerciseError.capstone(
                    "scenario `\(spec.scenario)` needs a semantic cache and a sliding-window limiter")
            }
            let clock = ManualClock(milliseconds: epochMs)
            let embedder = LexicalEmbedder()
            let cache = SemanticCache(
                embedder: embedder,
                configuration: SemanticCacheConfiguration(
                    threshold: Float(semantic.threshold), ttl: semantic.ttlSeconds, maxEntries: 100_000,
                    index: .suited(to: embedder)),
                clock: clock)
            // As ScenarioRunner builds the scenario's gateway.
            var parts = GatewayParts(
                redis: SharedKeyspace(configuration: KeyspaceConfiguration(), clock: clock, seed: spec.seed),
                exactTTLSeconds: setup.exactTTLSeconds, semanticCache: cache)
            parts.limiting = setup.limiting
            parts.clock = clock
            parts.prices = setup.llm.prices
            parts.identifierGuard = setup.identifierGuard
            let llm = SimulatedLLM(profile: setup.llm, seed: spec.seed)
            let gateway = Gateway(stages: try ServerSwift.stages(step: setup.step, parts), llm: LLMStage(llm))
            var complete = setup.llm
            complete.abortRate = 0
            complete.failureRate = 0
            var answers = SimulatedLLM(profile: complete, seed: spec.seed)
            var embeddings: [String: SparseEmbedding] = [:]
            var planned: [Planned] = []
            var cost = 0.0
            var baseline = 0.0
            for var item in WorkloadGenerator.generate(setup.workload, seed: spec.seed) {
                item.atMs += epochMs
                clock.set(milliseconds: item.atMs)
                let result = try await gateway.handle(
                    GatewayRequest(
                        request: item.request, apiKey: item.client.apiKey, clientAddress: "10.0.0.1",
                        stream: item.stream, atMs: item.atMs, label: item.intent))
                // The answer the learner's model gives: the call ArchLab made, or the whole answer when it made none.
                let call = result.llmCall ?? answers.call(item.request, stream: item.stream)
                cost += result.llmCall?.costUSD ?? 0
                baseline += result.llmCall?.costUSD ?? llm.listCost(of: item.request)
                var chunks = call.chunks.map(\.text)
                // Each tenant's answers carry its name, so an answer served across tenants shows.
                if !chunks.isEmpty { chunks[0] = "[\(item.request.tenant)] " + chunks[0] }
                let embedding: SparseEmbedding
                if let known = embeddings[item.request.prompt] {
                    embedding = known
                } else {
                    embedding = sparse(try embedder.embed(item.request.prompt))
                    embeddings[item.request.prompt] = embedding
                }
                planned.append(
                    Planned(
                        item: item, reference: result.outcome, chunks: chunks, aborts: !call.outcome.isComplete,
                        inputTokens: call.inputTokens, outputTokens: call.outputTokens, embedding: embedding))
            }
            return Plan(
                requests: planned, limit: limiter.rate.count, windowMs: limiter.rate.per.milliseconds,
                threshold: semantic.threshold, costUSD: cost, baselineCostUSD: baseline)
        } catch let error as ExerciseError {
            throw error
        } catch {
            throw .capstone("cannot run scenario `\(spec.scenario)`: \(error)")
        }
    }

    private static func sparse(_ vector: [Float]) -> SparseEmbedding {
        var indices: [Int] = []
        var weights: [Float] = []
        for (index, weight) in vector.enumerated() where weight != 0 {
            indices.append(index)
            weights.append(weight)
        }
        return SparseEmbedding(dimension: vector.count, indices: indices, weights: weights)
    }

    /// The learner's answer to one request.
    struct Answer {
        var outcome: String
        var status: Int
        var body: String
        var limiterCalled: Bool
        var limiterRefused: Bool
        var modelCalled: Bool
        var cost: Decimal
    }

    /// What the run found: the tests and the cost lines.
    struct Outcome {
        var tests: [TestResult]
        var summary: [String]
    }

    static let agreementTest = "decisions and cache results match ArchLab's step 8 on the production traffic"
    static let tenantTest = "no request is served another tenant's answer"
    static let limiterTest = "no limited caller reaches the model"

    func run(harness: HarnessProcess, plan: Plan) -> Outcome {
        let names = [
            Self.agreementTest + " (at least \(Self.percent(spec.minAgreement)) of \(plan.requests.count) requests)",
            Self.tenantTest, Self.limiterTest,
        ]
        let configure: [String: ExerciseValue] = [
            "limit": .number(Double(plan.limit)), "window_ms": .number(Double(plan.windowMs)),
            "threshold": .number(plan.threshold), "trusted_proxies": .array([]),
        ]
        let reply = harness.call("capstone.configure", args: configure, deadline: deadline())
        if let failure = Self.failure(reply, inputs: "capstone.configure", hint: hint) {
            return Outcome(tests: notRun(names, failed: failure), summary: [])
        }
        var agree = 0
        var differences: [String] = []
        var counts: (ours: [String: Int], theirs: [String: Int]) = ([:], [:])
        var crossTenant: [String] = []
        var limited: [String] = []
        var limitedByArchLab = false
        var cost: Decimal = 0
        for (index, request) in plan.requests.enumerated() {
            let args = Self.arguments(request)
            let reply = harness.call("capstone.request", args: args, deadline: deadline())
            let shown = "request \(index + 1) of \(plan.requests.count): \(Self.describe(request))"
            guard case .ok(let value) = reply, let answer = Self.answer(value) else {
                let failure =
                    Self.failure(reply, inputs: shown, hint: hint)
                    ?? TestFailure(
                        message: "unexpected reply to capstone.request", inputs: shown, expected: nil, got: nil,
                        hint: hint)
                return Outcome(tests: notRun(names, failed: failure), summary: [])
            }
            let expected = Self.label(request.reference)
            counts.ours[expected, default: 0] += 1
            counts.theirs[answer.outcome, default: 0] += 1
            if expected == answer.outcome {
                agree += 1
            } else if differences.count < 3 {
                differences.append("\(shown): ArchLab \(expected), yours \(answer.outcome)")
            }
            let tenant = request.item.request.tenant
            if answer.outcome == "exact" || answer.outcome == "semantic",
                answer.body.hasPrefix("["), !answer.body.hasPrefix("[\(tenant)] ")
            {
                let owner = answer.body.dropFirst().prefix { $0 != "]" }
                crossTenant.append("\(shown): served \(owner)'s answer from the \(answer.outcome) cache")
            }
            // Limited: refused by the learner's limiter, or never put to it. (A decision that differs from
            // ArchLab's counts against the agreement, within its tolerance.)
            if answer.modelCalled, answer.limiterRefused || !answer.limiterCalled {
                // The first shown is one ArchLab refuses, when there is one: the clearest example.
                let at = request.reference == .rejected && !limitedByArchLab ? 0 : limited.count
                limitedByArchLab = limitedByArchLab || request.reference == .rejected
                limited.insert(
                    answer.limiterRefused
                        ? "\(shown): your limiter refused it, yet it reached your model"
                        : "\(shown): it reached your model without being put to your limiter"
                            + (request.reference == .rejected ? " (ArchLab's limiter refuses it with 429)" : ""),
                    at: at)
            }
            cost += answer.cost
        }
        let share = Double(agree) / Double(max(1, plan.requests.count))
        var tests: [TestResult] = []
        if share >= spec.minAgreement {
            tests.append(TestResult(name: names[0], status: .passed, failure: nil))
        } else {
            let order = ["exact", "semantic", "miss", "429", "none"]
            func tally(_ counts: [String: Int]) -> String {
                order.compactMap { key in counts[key].map { "\(key) \($0)" } }.joined(separator: ", ")
            }
            tests.append(
                TestResult(
                    name: names[0], status: .failed,
                    failure: TestFailure(
                        message:
                            "\(agree) of \(plan.requests.count) requests (\(Self.percent(share))) match; the first "
                            + "that differ: " + differences.joined(separator: "; "),
                        inputs: nil, expected: tally(counts.ours), got: tally(counts.theirs), hint: hint)))
        }
        tests.append(
            Self.violations(
                crossTenant, name: names[1], what: "requests were served another tenant's answer",
                hint:
                    "Key both caches by tenant: the exact key hashes it, the semantic cache keeps one list per "
                    + "tenant."))
        tests.append(
            Self.violations(
                limited, name: names[2], what: "requests reached your model past the limiter",
                hint:
                    "In `Handler.handle`, call the limiter right after identifying the caller and return the 429 when "
                    + "it refuses, before any cache or the model."))
        let yours = NSDecimalNumber(decimal: cost).doubleValue
        // A saving counts only when the gateway answered like ArchLab's (one that never calls the model saves 100%).
        let saving =
            share >= spec.minAgreement && plan.baselineCostUSD > 0
            ? " (you save \(Self.percent(1 - yours / plan.baselineCostUSD)))" : ""
        let summary = [
            "Cost of the \(plan.requests.count) requests: yours \(Self.dollars(cost)) (your Cost.ofCall), "
                + "ArchLab's step 8 \(Self.dollars(Decimal(plan.costUSD))), "
                + "baseline without caches or limits \(Self.dollars(Decimal(plan.baselineCostUSD)))" + saving,
            "Agreement with ArchLab's step 8: \(agree) of \(plan.requests.count) requests (\(Self.percent(share)))",
        ]
        return Outcome(tests: tests, summary: summary)
    }

    private func deadline() -> Date {
        Date().addingTimeInterval(TimeInterval(timeLimit))
    }

    private func notRun(_ names: [String], failed failure: TestFailure) -> [TestResult] {
        [TestResult(name: names[0], status: .failed, failure: failure)]
            + names.dropFirst().map { TestResult(name: $0, status: .notRun, failure: nil) }
    }

    private static func violations(_ found: [String], name: String, what: String, hint: String) -> TestResult {
        guard let first = found.first else { return TestResult(name: name, status: .passed, failure: nil) }
        return TestResult(
            name: name, status: .failed,
            failure: TestFailure(
                message: "\(found.count) \(what); the first: \(first)", inputs: nil, expected: nil, got: nil,
                hint: hint))
    }

    private static func failure(_ reply: HarnessReply, inputs: String, hint: String) -> TestFailure? {
        let message: String
        switch reply {
        case .ok: return nil
        case .error(let text): message = "your code threw: \(text)"
        case .timedOut: message = "no answer within the time limit (an endless loop?)"
        case .ended(let crash): message = crash.summary
        }
        return TestFailure(message: message, inputs: inputs, expected: nil, got: nil, hint: hint)
    }

    static func label(_ outcome: GatewayOutcome) -> String {
        switch outcome {
        case .exactHit: return "exact"
        case .semanticHit: return "semantic"
        case .miss: return "miss"
        case .rejected: return "429"
        }
    }

    private static func describe(_ request: Planned) -> String {
        let at = Double(request.item.atMs - epochMs) / 1000
        return "\(request.item.client.apiKey) (\(request.item.request.tenant)) at \(String(format: "%.3f", at)) s "
            + "asks \(ExerciseValue.string(request.item.request.prompt).json)\(request.item.stream ? ", streamed" : "")"
    }

    private static func arguments(_ request: Planned) -> [String: ExerciseValue] {
        let chat = request.item.request
        return [
            "api_key": .string(request.item.client.apiKey), "peer": .string("10.0.0.1"),
            "tenant": .string(chat.tenant), "model": .string(chat.model), "system_prompt": .string(chat.systemPrompt),
            "prompt": .string(chat.prompt), "temperature": .number(chat.temperature),
            "max_tokens": .number(Double(chat.maxTokens)), "stream": .bool(request.item.stream),
            "now_ms": .number(Double(request.item.atMs)),
            "dimension": .number(Double(request.embedding.dimension)),
            "indices": .array(request.embedding.indices.map { .number(Double($0)) }),
            "weights": .array(request.embedding.weights.map { .number(Double($0)) }),
            "model_chunks": .array(request.chunks.map(ExerciseValue.string)), "model_aborts": .bool(request.aborts),
            "input_tokens": .number(Double(request.inputTokens)),
            "output_tokens": .number(Double(request.outputTokens)),
        ]
    }

    private static func answer(_ value: ExerciseValue) -> Answer? {
        guard let outcome = value["outcome"]?.string, let status = value["status"]?.int,
            let body = value["body"]?.string
        else { return nil }
        return Answer(
            outcome: outcome, status: Int(status), body: body,
            limiterCalled: value["limiter_called"] == .bool(true),
            limiterRefused: value["limiter_refused"] == .bool(true), modelCalled: value["model_called"] == .bool(true),
            cost: value["cost"]?.string.flatMap { Decimal(string: $0, locale: Locale(identifier: "en_US_POSIX")) } ?? 0)
    }

    static func percent(_ share: Double) -> String {
        String(format: "%.1f%%", share * 100)
    }

    static func dollars(_ amount: Decimal) -> String {
        String(format: "$%.2f", NSDecimalNumber(decimal: amount).doubleValue)
    }
}
