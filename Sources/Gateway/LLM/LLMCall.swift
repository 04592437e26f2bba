/// Everything a simulated call produces: the chunks in order, how it ended, what it cost.
public struct LLMCall: Sendable, Hashable {
    public var request: LLMRequest
    /// The chunks that were actually delivered (all of them when complete, a prefix when aborted).
    /// A simulated call writes their text only when they are read.
    public var chunks: [LLMChunk] {
        get { delivery.chunks }
        set { delivery = .chunks(newValue) }
    }
    public var outcome: LLMOutcome
    public var inputTokens: Int
    /// Tokens generated and billed; an aborted stream is billed for what was generated.
    public var outputTokens: Int
    public var timeToFirstTokenMs: Double
    public var totalMs: Double
    public var costUSD: Double
    package var delivery: LLMDelivery

    package init(
        request: LLMRequest, delivery: LLMDelivery, outcome: LLMOutcome, inputTokens: Int, outputTokens: Int,
        timeToFirstTokenMs: Double, totalMs: Double, costUSD: Double
    ) {
        self.request = request
        self.delivery = delivery
        self.outcome = outcome
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.timeToFirstTokenMs = timeToFirstTokenMs
        self.totalMs = totalMs
        self.costUSD = costUSD
    }

    /// The delivered text, chunk after chunk.
    public var text: String { delivery.text }

    public static func == (lhs: LLMCall, rhs: LLMCall) -> Bool {
        lhs.request == rhs.request && lhs.outcome == rhs.outcome && lhs.inputTokens == rhs.inputTokens
            && lhs.outputTokens == rhs.outputTokens && lhs.timeToFirstTokenMs == rhs.timeToFirstTokenMs
            && lhs.totalMs == rhs.totalMs && lhs.costUSD == rhs.costUSD && lhs.chunks == rhs.chunks
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(request)
        hasher.combine(outcome)
        hasher.combine(outputTokens)
        hasher.combine(totalMs)
        hasher.combine(chunks)
    }
}

/// An answer a client has planned but not yet written (the simulated LLM's): its text is produced
/// only when someone reads it, so a run that only counts tokens never builds strings.
package protocol PlannedAnswer: Sendable {
    /// The text of every chunk, in order.
    func chunkTexts() -> [String]
    /// The whole answer, as the chunks joined.
    func wholeText() -> String
}

/// The chunks of a call: given as they are, or planned and written when read.
package enum LLMDelivery: Sendable {
    case chunks([LLMChunk])
    /// The answer's plan and the time of each delivered chunk (a prefix of its chunks when `whole` is false).
    case planned(any PlannedAnswer, times: [Double], whole: Bool)

    var chunks: [LLMChunk] {
        switch self {
        case .chunks(let chunks):
            return chunks
        case .planned(let plan, let times, _):
            return zip(plan.chunkTexts(), times).map { LLMChunk(text: $0, atMs: $1) }
        }
    }

    var text: String {
        switch self {
        case .planned(let plan, _, whole: true): return plan.wholeText()
        default: return chunks.map(\.text).joined()
        }
    }
}
