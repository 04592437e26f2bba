/// Scores every pair of a dataset with an embedder once, then reports, per threshold, how a cache
/// using "hit when cosine ≥ threshold" would have done.
public struct ThresholdSweep: Sendable {
    /// A pair with its cosine similarity.
    public struct ScoredPair: Sendable {
        public var pair: SweepDataset.Pair
        public var similarity: Float
    }

    /// Outcome at one threshold.
    public struct Row: Sendable, Equatable {
        public var threshold: Float
        public var truePositives: Int
        public var falsePositives: Int
        public var paraphrases: Int
        public var nearMisses: Int
        /// False hits per near-miss kind.
        public var falseHitsByKind: [SweepDataset.Kind: Int]

        /// Share of hits that were right (1 when nothing hit; displays show it as undefined).
        public var precision: Double {
            truePositives + falsePositives == 0 ? 1 : Double(truePositives) / Double(truePositives + falsePositives)
        }

        /// Share of paraphrases served from cache.
        public var recall: Double { paraphrases == 0 ? 0 : Double(truePositives) / Double(paraphrases) }

        /// Share of near-misses wrongly served a cached answer.
        public var falseHitRate: Double { nearMisses == 0 ? 0 : Double(falsePositives) / Double(nearMisses) }
    }

    public static let defaultThresholds: [Float] = [
        0.30, 0.40, 0.50, 0.60, 0.70, 0.75, 0.80, 0.85, 0.88, 0.90, 0.92, 0.95, 0.97, 0.99,
    ]

    public let embedderName: String
    public let scored: [ScoredPair]

    /// Embeds both prompts of every pair with `embedder`.
    public init(dataset: SweepDataset, embedder: any Embedder) throws {
        embedderName = embedder.name
        var cache: [String: [Float]] = [:]
        func vector(_ text: String) throws -> [Float] {
            if let known = cache[text] { return known }
            let v = try embedder.embed(text)
            cache[text] = v
            return v
        }
        scored = try dataset.pairs.map {
            ScoredPair(pair: $0, similarity: VectorMath.cosine(try vector($0.a), try vector($0.b)))
        }
    }

    /// Metrics at each threshold (a pair hits when similarity ≥ threshold).
    public func rows(thresholds: [Float] = ThresholdSweep.defaultThresholds) -> [Row] {
        thresholds.map { t in
            var row = Row(
                threshold: t, truePositives: 0, falsePositives: 0, paraphrases: 0, nearMisses: 0, falseHitsByKind: [:])
            for item in scored {
                let hit = item.similarity >= t
                if item.pair.kind.shouldHit {
                    row.paraphrases += 1
                    if hit { row.truePositives += 1 }
                } else {
                    row.nearMisses += 1
                    if hit {
                        row.falsePositives += 1
                        row.falseHitsByKind[item.pair.kind, default: 0] += 1
                    }
                }
            }
            return row
        }
    }

    /// The lowest threshold with no false hit, if any paraphrase still hits there.
    public func lowestSafeThreshold(thresholds: [Float] = ThresholdSweep.defaultThresholds) -> Row? {
        rows(thresholds: thresholds).first { $0.falsePositives == 0 && $0.truePositives > 0 }
    }
}
