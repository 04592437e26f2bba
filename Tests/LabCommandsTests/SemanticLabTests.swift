import LabCommands
import REPL
import Semantic
import XCTest

final class SemanticLabTests: XCTestCase {
    func testSimilarSaysHitOrMissAgainstTheSessionThreshold() async throws {
        let harness = try LabHarness()
        let (session, output) = try harness.session()
        let a = "What is the capital of France?"
        let b = "What is the capital of Germany?"
        let cosine = try LexicalEmbedder().similarity(a, b)
        let miss = await harness.run(session, output, "similar \"\(a)\" \"\(b)\"")
        XCTAssertEqual(miss.result, .succeeded, miss.text)
        XCTAssertTrue(
            miss.text.hasPrefix(String(format: "%.6f", Double(cosine)) + "  cosine similarity (lexical)"), miss.text)
        XCTAssertTrue(miss.text.contains("MISS at threshold 0.95"), miss.text)

        do {
            let value = await harness.run(session, output, "semantic threshold 0.5");
            XCTAssertEqual(value.result, .succeeded)
        }
        do {
            let value = await harness.run(session, output, "semantic threshold");
            XCTAssertTrue(value.text.contains("0.50"))
        }
        let hit = await harness.run(session, output, "similar '\(a)' '\(b)'")
        XCTAssertTrue(hit.text.contains("HIT at threshold 0.50"), hit.text)
    }

    func testSemanticErrors() async throws {
        let harness = try LabHarness()
        let (session, output) = try harness.session()
        for (line, message) in [
            ("similar \"only one\"", "exactly two texts"),
            ("similar one two three", "exactly two texts"),
            ("similar \"open", "Unbalanced quotes"),
            ("semantic threshold 2", "not a threshold"),
            ("semantic threshold nan", "not a threshold"),
            ("semantic", "Usage: semantic threshold"),
            ("semantic sweep --all", "Usage: semantic threshold"),
            ("embed", "Usage: embed TEXT"),
        ] {
            let run = await harness.run(session, output, line)
            XCTAssertEqual(run.result, .failed, line)
            XCTAssertTrue(run.text.contains(message), "\(line) → \(run.text)")
        }
    }

    func testEmbedAndSweepNameTheModel() async throws {
        let harness = try LabHarness()
        let (session, output) = try harness.session()
        let embed = await harness.run(session, output, "embed What is the capital of France?")
        XCTAssertEqual(embed.result, .succeeded)
        XCTAssertTrue(embed.text.hasPrefix("model: lexical"), embed.text)
        XCTAssertTrue(embed.text.contains("dimension: 1024"), embed.text)
        let quoted = await harness.run(session, output, "embed \"What is the capital of France?\"")
        XCTAssertEqual(quoted.text, embed.text)
        let sweep = await harness.run(session, output, "semantic sweep")
        XCTAssertEqual(sweep.result, .succeeded, sweep.text)
        XCTAssertTrue(sweep.text.contains("threshold  precision  recall"), sweep.text)
        XCTAssertTrue(
            sweep.text.contains("lowest listed threshold") || sweep.text.contains("no listed threshold"), sweep.text)
    }

    /// `embed TEXT --as NAME` keeps the vector as Redis stores a FLOAT32 field (4 little-endian bytes
    /// a number), and `redis … $NAME` passes those exact bytes; an unknown `$NAME` stays as typed.
    func testEmbedAsSavesTheFloat32BytesThatRedisDollarNamePasses() async throws {
        let harness = try LabHarness()
        let (session, output) = try harness.session()
        let prompt = "How do I reset my password?"
        let embed = await harness.run(session, output, "embed \(prompt) --as reset")
        XCTAssertEqual(embed.result, .succeeded, embed.text)
        XCTAssertTrue(embed.text.contains("Saved as $reset: 1024 FLOAT32 numbers, 4096 bytes"), embed.text)
        let stored = await harness.run(session, output, "redis HSET q:1 text \"\(prompt)\" v $reset")
        XCTAssertEqual(stored.text, "(integer) 2", stored.text)
        guard case .bulkString(let bytes) = try harness.context.keyspace.execute(["HGET", "q:1", "v"]) else {
            return XCTFail("no blob stored")
        }
        let vector = try LexicalEmbedder().embed(prompt)
        let decoded = stride(from: 0, to: bytes.count, by: 4).map { offset in
            Float(bitPattern: (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[offset + $1]) << (8 * $1) })
        }
        XCTAssertEqual(decoded, vector)
        _ = await harness.run(session, output, "redis SET plain $unknown")
        let plain = await harness.run(session, output, "redis GET plain")
        XCTAssertEqual(plain.text, "\"$unknown\"")
        let bad = await harness.run(session, output, "embed hello --as no-dashes")
        XCTAssertEqual(bad.result, .failed, bad.text)
    }

    /// Lesson 3's walk-through as written (DIM 1024: the harness embeds lexically): a vector index
    /// on the session's Redis, two prompts stored with `embed --as` and `$NAME`, and a KNN search
    /// that lists both, nearest first, with the cosine distance 1 − similarity.
    func testLessonThreeVectorIndexWalkThrough() async throws {
        let harness = try LabHarness()
        let (session, output) = try harness.session()
        let reset = "How do I reset my password?"
        let france = "What is the capital of France?"
        let ask = "I forgot my password, how can I change it?"
        for line in [
            "redis FT.CREATE idx ON HASH PREFIX 1 q: SCHEMA v VECTOR FLAT 6 "
                + "TYPE FLOAT32 DIM 1024 DISTANCE_METRIC COSINE",
            "embed \(reset) --as reset", "redis HSET q:1 text \"\(reset)\" v $reset",
            "embed \(france) --as france", "redis HSET q:2 text \"\(france)\" v $france", "embed \(ask) --as ask",
        ] {
            let step = await harness.run(session, output, line)
            XCTAssertEqual(step.result, .succeeded, "\(line) → \(step.text)")
        }
        let search = await harness.run(
            session, output,
            #"redis FT.SEARCH idx "*=>[KNN 2 @v $vec AS distance]" PARAMS 2 vec $ask SORTBY distance "#
                + "RETURN 2 text distance DIALECT 2")
        XCTAssertEqual(search.result, .succeeded, search.text)
        let embedder = LexicalEmbedder()
        let near = try embedder.similarity(ask, reset)
        let far = try embedder.similarity(ask, france)
        let first = near >= far ? "q:1" : "q:2"
        let lines = search.text.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, "1) (integer) 2", search.text)
        XCTAssertEqual(lines.dropFirst().first, "2) \"\(first)\"", search.text)
        let distances = lines.compactMap { line -> Double? in
            guard let quote = line.lastIndex(of: "\""), line.contains(") \""), !line.contains("q:") else { return nil }
            let value = line[..<quote].split(separator: "\"").last.map(String.init) ?? ""
            return Double(value)
        }
        XCTAssertEqual(distances.count, 2, search.text)
        XCTAssertEqual(distances.first ?? -1, 1 - Double(max(near, far)), accuracy: 1e-5, search.text)
    }
}
