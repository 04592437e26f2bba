import Gateway
import RateLimit
import SeededRandom

/// How the simulated model behaves: latency, answer length, failures, prices.
public struct LLMProfile: Sendable, Hashable {
    /// Mean time to the first token.
    public var timeToFirstTokenMs: Double
    /// Mean time per generated token after the first.
    public var perTokenMs: Double
    /// Relative jitter applied to both (0.2 = ±20 %).
    public var jitter: Double
    /// Answer length range in tokens; each prompt gets a length inside it.
    public var answerTokens: ClosedRange<Int>
    /// Share of calls that fail with HTTP 500 before the first token.
    public var failureRate: Double
    /// Share of streamed calls that break midway (a whole JSON answer either arrives or fails).
    public var abortRate: Double
    public var prices: PriceList
    /// Every answer opens with the caller's tenant, as answers drawn from each customer's own documents
    /// differ (the security lab, where a leaked answer must be visible).
    public var namesTenant = false

    public init(
        timeToFirstTokenMs: Double = 220,
        perTokenMs: Double = 8,
        jitter: Double = 0.2,
        answerTokens: ClosedRange<Int> = 80...180,
        failureRate: Double = 0,
        abortRate: Double = 0,
        prices: PriceList = .gpt4o
    ) {
        self.timeToFirstTokenMs = timeToFirstTokenMs
        self.perTokenMs = perTokenMs
        self.jitter = jitter
        self.answerTokens = answerTokens
        self.failureRate = failureRate
        self.abortRate = abortRate
        self.prices = prices
    }

    /// Every duration multiplied by `factor` (`serve --latency-scale`).
    public func scaled(by factor: Double) -> LLMProfile {
        var copy = self
        copy.timeToFirstTokenMs *= factor
        copy.perTokenMs *= factor
        return copy
    }
}

/// A deterministic stand-in for a hosted LLM. The same prompt always gets the same answer
/// text (so a cached answer is indistinguishable from a fresh one); latency jitter and
/// failures come from a seeded generator, so a scenario run twice gives the same report.
public struct SimulatedLLM: LLMClient {
    public var profile: LLMProfile
    private var random: SeededGenerator

    public init(profile: LLMProfile = LLMProfile(), seed: UInt64) {
        self.profile = profile
        self.random = SeededGenerator.derived(seed: seed, "llm")
    }

    /// Runs one call: decides its fate, generates the answer and times every chunk.
    public mutating func call(_ request: LLMRequest, stream: Bool) -> LLMCall {
        let input = request.inputTokens
        let ttft = profile.timeToFirstTokenMs * jitterFactor()
        if random.unit() < profile.failureRate {
            return LLMCall(
                request: request, delivery: .chunks([]), outcome: .failed(status: 500), inputTokens: input,
                outputTokens: 0, timeToFirstTokenMs: ttft, totalMs: ttft, costUSD: 0
            )
        }
        // The answer is planned and timed here; its text is written only if someone reads it.
        let plan = AnswerWriter.plan(
            for: request, tokens: profile.answerTokens, namesTenant: profile.namesTenant)
        let chunkTokens = AnswerWriter.chunkTokens(of: plan)
        var times: [Double] = []
        times.reserveCapacity(chunkTokens.count)
        var clock = ttft
        for (index, tokens) in chunkTokens.enumerated() {
            if index > 0 { clock += profile.perTokenMs * Double(tokens) * jitterFactor() }
            times.append(clock)
        }
        var outcome = LLMOutcome.complete
        var output = chunkTokens.reduce(0, +)
        if stream, random.unit() < profile.abortRate, times.count > 1 {
            let kept = 1 + Int(random.next() % UInt64(times.count - 1))
            times.removeLast(times.count - kept)
            outcome = .aborted(afterChunks: kept)
            output = chunkTokens[..<kept].reduce(0, +)
        }
        return LLMCall(
            request: request, delivery: .planned(plan, times: times, whole: outcome.isComplete), outcome: outcome,
            inputTokens: input, outputTokens: output, timeToFirstTokenMs: ttft, totalMs: times.last ?? ttft,
            costUSD: profile.prices.cost(inputTokens: input, outputTokens: output)
        )
    }

    /// What `request` costs when the model answers it in full: the no-cache baseline.
    public func listCost(of request: LLMRequest) -> Double {
        let output = AnswerWriter.tokens(
            to: request, tokens: profile.answerTokens, namesTenant: profile.namesTenant)
        return profile.prices.cost(inputTokens: request.inputTokens, outputTokens: output)
    }

    private mutating func jitterFactor() -> Double {
        1 + profile.jitter * (2 * random.unit() - 1)
    }
}
