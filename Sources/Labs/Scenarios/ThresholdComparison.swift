/// One row of a semantic-cache run's side-by-side: the same workload and seed with the exact cache
/// alone, with the semantic cache at the run's threshold, and at a low threshold, so a learner
/// sees what the semantic cache adds and what a low threshold costs in wrong answers.
public struct ThresholdComparison: Sendable, Codable, Hashable {
    /// The semantic cache's threshold; nil for the exact cache alone.
    public var threshold: Double?
    /// Whether this row is the run the report describes.
    public var thisRun: Bool
    public var exactHits: Int
    public var semanticHits: Int
    public var wrongSemanticHits: Int
    /// The share of the no-cache bill saved (0.62 = 62 % cheaper).
    public var savings: Double

    enum CodingKeys: String, CodingKey {
        case threshold
        case thisRun = "this_run"
        case exactHits = "exact_hits"
        case semanticHits = "semantic_hits"
        case wrongSemanticHits = "wrong_semantic_hits"
        case savings
    }

    init(threshold: Double?, thisRun: Bool, report: ScenarioReport) {
        self.threshold = threshold
        self.thisRun = thisRun
        exactHits = report.exactHits
        semanticHits = report.semanticHits
        wrongSemanticHits = report.wrongSemanticHits
        savings = (report.savings * 10_000).rounded() / 10_000
    }
}
