import ArgumentParser
import Foundation
import SeededRandom
import Semantic

/// Hidden `archlab semantic bench`: timings for Benchmarks/semantic.sh (release builds only).
struct SemanticBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmark MiniLM embedding, flat search and HNSW (used by Benchmarks/semantic.sh).",
        shouldDisplay: false
    )

    enum Target: String, ExpressibleByArgument, CaseIterable {
        case minilm
        case flat
        case hnsw
        case sparse
    }

    static let shortSentence = "Explain how the token bucket rate limiting algorithm works?"
    static let longText = Array(repeating: "The quick brown fox jumps over the lazy dog.", count: 30).joined(
        separator: " ")

    @Argument(help: "What to time: minilm, flat, hnsw or sparse.")
    var target: Target

    @Option(name: .long, help: "Timed repetitions (embeddings or queries).")
    var iterations = 50

    @Option(name: .long, help: "Index size for flat, hnsw and sparse.")
    var entries = 100_000

    @Option(name: .long, parsing: .upToNextOption, help: "HNSW search widths (one build, each width timed).")
    var ef: [Int] = [64]

    @Option(name: .long, help: "HNSW neighbours per node.")
    var m = 24

    @Option(name: .long, help: "HNSW construction width.")
    var efConstruction = 128

    func run() throws {
        switch target {
        case .minilm: try benchMiniLM()
        case .flat: try benchFlat()
        case .hnsw: try benchHNSW()
        case .sparse: try benchSparse()
        }
    }

    private func benchMiniLM() throws {
        let model = try MiniLMEmbedder(
            directory: ModelStore(environment: ProcessInfo.processInfo.environment).directory)
        let short = model.tokenizer.encode(Self.shortSentence).ids
        var long = model.tokenizer.encode(Self.longText).ids
        long = Array(long.prefix(127)) + [long[long.count - 1]]
        for (label, ids) in [("12-token", short), ("128-token", long)] {
            for _ in 0..<3 { _ = try model.embed(ids: ids) }
            let start = DispatchTime.now().uptimeNanoseconds
            let cpuStart = Self.cpuSeconds()
            for _ in 0..<iterations { _ = try model.embed(ids: ids) }
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6 / Double(iterations)
            let cpu = (Self.cpuSeconds() - cpuStart) * 1e3 / Double(iterations)
            print(
                String(
                    format: "minilm %@ (%d tokens): %.3f ms/embedding wall, %.3f ms cpu", label as NSString, ids.count,
                    elapsed, cpu))
        }
    }

    /// CPU time of this process (less disturbed than wall time when other jobs share the cores).
    static func cpuSeconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }

    /// Seeded random unit vectors: the "unclustered" workload.
    static func randomUnitVectors(count: Int, dimension: Int, seed: UInt64) -> [[Float]] {
        var generator = SplitMix64(seed: seed)
        return (0..<count).map { _ in
            VectorMath.normalized(
                (0..<dimension).map { _ in Float(Double(generator.next() >> 11) / Double(1 << 53)) * 2 - 1 })
        }
    }

    /// Queries near stored entries (a cached prompt's paraphrase): entry plus noise, cosine ≈ 0.9 to it.
    static func nearQueries(_ data: [[Float]], count: Int, seed: UInt64) -> [[Float]] {
        var generator = SplitMix64(seed: seed)
        let noise = randomUnitVectors(count: count, dimension: data[0].count, seed: seed ^ 0xABCDEF)
        return (0..<count).map { i in
            let base = data[Int(generator.next() % UInt64(data.count))]
            return VectorMath.normalized(zip(base, noise[i]).map { $0 + 0.48 * $1 })
        }
    }

    private func benchFlat() throws {
        let dimension = 384
        let data = Self.randomUnitVectors(count: entries, dimension: dimension, seed: 7)
        let queries = Self.randomUnitVectors(count: iterations, dimension: dimension, seed: 8)
        for storage in FlatIndex.Storage.allCases {
            var index = FlatIndex(dimension: dimension, storage: storage)
            for (i, v) in data.enumerated() { try index.add(id: i, vector: v) }
            _ = try index.search(queries[0], k: 1)
            let start = DispatchTime.now().uptimeNanoseconds
            let cpuStart = Self.cpuSeconds()
            for q in queries { _ = try index.search(q, k: 1) }
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6 / Double(queries.count)
            let cpu = (Self.cpuSeconds() - cpuStart) * 1e3 / Double(queries.count)
            print(
                String(
                    format: "flat %@ top-1 over %d x %d: %.3f ms/query wall, %.3f ms cpu", storage.rawValue as NSString,
                    entries,
                    dimension, elapsed, cpu))
        }
    }

    private func benchHNSW() throws {
        let dimension = 384
        let data = Self.randomUnitVectors(count: entries, dimension: dimension, seed: 7)
        var flat = FlatIndex(dimension: dimension)
        var hnsw = HNSWIndex(dimension: dimension, m: m, efConstruction: efConstruction)
        let buildStart = DispatchTime.now().uptimeNanoseconds
        let buildCPU = Self.cpuSeconds()
        for (i, v) in data.enumerated() {
            try hnsw.add(id: i, vector: v)
            try flat.add(id: i, vector: v)
        }
        print(
            String(
                format: "hnsw build %d entries (M=%d, efConstruction=%d): %.1f s wall, %.1f s cpu", entries, m,
                efConstruction,
                Double(DispatchTime.now().uptimeNanoseconds - buildStart) / 1e9, Self.cpuSeconds() - buildCPU))
        let sets: [(String, [[Float]])] = [
            ("near-entry queries", Self.nearQueries(data, count: iterations, seed: 9)),
            ("random queries", Self.randomUnitVectors(count: iterations, dimension: dimension, seed: 10)),
        ]
        for (label, queries) in sets {
            let truth = try queries.map { try flat.search($0, k: 1).first?.id }
            var start = Self.cpuSeconds()
            for q in queries { _ = try flat.search(q, k: 1) }
            let flatMs = (Self.cpuSeconds() - start) * 1e3 / Double(queries.count)
            for width in ef {
                hnsw.efSearch = max(1, width)
                start = Self.cpuSeconds()
                let found = try queries.map { try hnsw.search($0, k: 1).first?.id }
                let hnswMs = (Self.cpuSeconds() - start) * 1e3 / Double(queries.count)
                let recall = Double(zip(found, truth).filter { $0 == $1 }.count) / Double(queries.count)
                print(
                    String(
                        format:
                            "hnsw %@ ef=%d: recall@1 %.3f, %.4f ms cpu/query; flat %.3f ms cpu/query; speed-up %.1fx",
                        label as NSString, hnsw.efSearch, recall, hnswMs, flatMs, flatMs / hnswMs))
            }
        }
    }

    /// Seeded prompts of 4 to 15 words from a 400-word vocabulary (made-up words of 3 to 8 letters).
    static func syntheticPrompts(count: Int, seed: UInt64) -> [String] {
        var generator = SplitMix64(seed: seed)
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        let vocabulary = (0..<400).map { _ in
            String((0..<(3 + Int(generator.next() % 6))).map { _ in letters[Int(generator.next() % 26)] })
        }
        return (0..<count).map { _ in
            (0..<(4 + Int(generator.next() % 12))).map { _ in vocabulary[Int(generator.next() % 400)] }.joined(
                separator: " ")
        }
    }

    private func benchSparse() throws {
        let embedder = LexicalEmbedder()
        let prompts = Self.syntheticPrompts(count: entries + iterations, seed: 11)
        var start = DispatchTime.now().uptimeNanoseconds
        let vectors = try prompts.map { try embedder.embed($0) }
        print(
            String(
                format: "lexical embed: %.2f us/prompt",
                Double(DispatchTime.now().uptimeNanoseconds - start) / 1e3 / Double(prompts.count)))
        var flat = FlatIndex(dimension: embedder.dimension)
        var sparse = SparseIndex(dimension: embedder.dimension)
        for i in 0..<entries {
            try flat.add(id: i, vector: vectors[i])
            try sparse.add(id: i, vector: vectors[i])
        }
        let queries = Array(vectors[entries...])
        start = DispatchTime.now().uptimeNanoseconds
        let truth = try queries.map { try flat.search($0, k: 1).first?.id }
        let flatMs = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6 / Double(queries.count)
        start = DispatchTime.now().uptimeNanoseconds
        let found = try queries.map { try sparse.search($0, k: 1).first?.id }
        let sparseMs = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6 / Double(queries.count)
        let agree = zip(found, truth).filter { $0 == $1 }.count
        print(
            String(
                format:
                    """
                        sparse top-1 over %d lexical vectors: %.4f ms/query; flat %.3f ms/query; speed-up %.1fx; same \
                        top-1 %d/%d
                        """,
                entries, sparseMs, flatMs, flatMs / sparseMs, agree, queries.count))
    }
}
