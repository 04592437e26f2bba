import Foundation
import Keyspace
import NIOCore
import RESP
import SeededRandom
import XCTest

/// FT.CREATE / FT.SEARCH / FT.INFO / FT.DROPINDEX / FT._LIST / MODULE LIST on the keyspace, checked
/// against a brute force over the stored vectors and against RediSearch 2.8's reply shapes.
final class SearchTests: XCTestCase {
    private func send(_ h: Harness, _ arguments: [[UInt8]]) -> [UInt8] {
        var reply = ByteBuffer()
        h.keyspace.execute(arguments.map { ByteBuffer(bytes: $0) }, session: h.session, into: &reply)
        return Array(reply.readableBytesView)
    }

    private func value(_ h: Harness, _ arguments: [[UInt8]]) throws -> RESPValue {
        var reply = ByteBuffer(bytes: send(h, arguments))
        return try RESPReplyParser.parse(&reply)
    }

    private func args(_ words: String...) -> [[UInt8]] { words.map { Array($0.utf8) } }

    private func blob(_ vector: [Float]) -> [UInt8] {
        vector.flatMap { withUnsafeBytes(of: $0.bitPattern.littleEndian) { Array($0) } }
    }

    private func randomVector(_ generator: inout SplitMix64, _ dimension: Int) -> [Float] {
        (0..<dimension).map { _ in Float(Double(generator.next() >> 11) / Double(1 << 53) * 2 - 1) }
    }

    /// The distance as RediSearch defines it, computed the plain way: sums in double, one rounding to float.
    private func bruteDistance(_ a: [Float], _ b: [Float], _ metric: String) -> Float {
        func normalized(_ v: [Float]) -> [Float] {
            let norm = Float(v.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot())
            return v.map { $0 / norm }
        }
        switch metric {
        case "COSINE":
            let (x, y) = (normalized(a), normalized(b))
            return 1 - Float(zip(x, y).reduce(0.0) { $0 + Double($1.0) * Double($1.1) })
        case "IP":
            return 1 - Float(zip(a, b).reduce(0.0) { $0 + Double($1.0) * Double($1.1) })
        default:
            return Float(zip(a, b).reduce(0.0) { $0 + (Double($1.0) - Double($1.1)) * (Double($1.0) - Double($1.1)) })
        }
    }

    /// How RediSearch prints a number in a result (`%.12g`, integers without a point).
    private func printed(_ distance: Float) -> String {
        let d = Double(distance)
        return d == d.rounded() ? String(Int64(d)) : String(format: "%.12g", d)
    }

    private func strings(_ value: RESPValue) -> [String] {
        guard case .array(let items) = value else { return [] }
        return items.map { item -> [String] in
            if case .array = item { return strings(item) }
            if case .integer(let n) = item { return ["\(n)"] }
            return [item.text ?? "\(item)"]
        }.flatMap { $0 }
    }

    func testKNNEqualsBruteForceForEveryMetricAndAlgorithm() throws {
        let count = 3000
        let dimension = 24
        var generator = SplitMix64(seed: 2024)
        let vectors = (0..<count).map { _ in randomVector(&generator, dimension) }
        let queries = (0..<5).map { _ in randomVector(&generator, dimension) }
        for algorithm in ["FLAT", "HNSW"] {
            for metric in ["COSINE", "L2", "IP"] {
                let h = Harness()
                XCTAssertEqual(
                    h.rawArray([
                        "FT.CREATE", "idx", "ON", "HASH", "PREFIX", "1", "doc:", "SCHEMA", "v", "VECTOR", algorithm,
                        "6", "TYPE", "FLOAT32", "DIM", "\(dimension)", "DISTANCE_METRIC", metric,
                    ]), "+OK\r\n")
                for (i, vector) in vectors.enumerated() {
                    _ = send(h, [Array("HSET".utf8), Array("doc:\(i)".utf8), Array("v".utf8), blob(vector)])
                }
                for query in queries {
                    let ef = algorithm == "HNSW" ? " EF_RUNTIME \(count)" : ""
                    let reply = try value(
                        h,
                        args(
                            "FT.SEARCH", "idx", "*=>[KNN 10 @v $q\(ef) AS score]", "SORTBY", "score", "PARAMS", "2", "q"
                        )
                            + [blob(query)] + args("DIALECT", "2"))
                    let expected = (0..<count).map { ($0, bruteDistance(vectors[$0], query, metric)) }
                        .sorted { ($0.1, $0.0) < ($1.1, $1.0) }.prefix(10)
                        .flatMap { ["doc:\($0.0)", "score", printed($0.1), "v"] }
                    let got = strings(reply)
                    XCTAssertEqual(got.first, "10", "\(algorithm) \(metric)")
                    // Each row: key, then [score, value, v, blob]; compare key and score string.
                    var rows: [String] = []
                    var i = 1
                    while i + 4 < got.count {
                        rows += [got[i], got[i + 1], got[i + 2], got[i + 3]]
                        i += 5
                    }
                    XCTAssertEqual(rows, Array(expected), "\(algorithm) \(metric)")
                }
            }
        }
    }

    func testDeletedExpiredAndOverwrittenHashesNeverAppear() throws {
        let h = Harness()
        h.raw(
            "FT.CREATE", "idx", "PREFIX", "1", "k:", "SCHEMA", "t", "TAG", "n", "NUMERIC", "v", "VECTOR", "FLAT", "6",
            "TYPE", "FLOAT32", "DIM", "2", "DISTANCE_METRIC", "L2")
        for i in 0..<20 {
            _ = send(
                h, args("HSET", "k:\(i)", "t", i % 2 == 0 ? "even" : "odd", "n", "\(i)", "v") + [blob([Float(i), 0])])
        }
        h.raw("DEL", "k:0")
        h.raw("PEXPIRE", "k:1", "100")
        h.raw("SET", "k:2", "not a hash any more")
        _ = send(h, args("HSET", "k:3", "v") + [blob([1, 2, 3])])  // wrong size: no longer indexed
        h.clock.advance(milliseconds: 200)
        let knn = strings(
            try value(
                h,
                args("FT.SEARCH", "idx", "*=>[KNN 3 @v $q AS d]", "PARAMS", "2", "q") + [blob([0, 0])]
                    + args("SORTBY", "d", "RETURN", "1", "d", "DIALECT", "2")))
        XCTAssertEqual(knn, ["3", "k:4", "d", "16", "k:5", "d", "25", "k:6", "d", "36"])
        let range = strings(
            try value(
                h,
                args(
                    "FT.SEARCH", "idx", "@v:[VECTOR_RANGE 30 $q]=>{$YIELD_DISTANCE_AS: d} @t:{even}", "PARAMS", "2", "q"
                )
                    + [blob([0, 0])] + args("SORTBY", "d", "RETURN", "1", "d", "DIALECT", "2")))
        XCTAssertEqual(range, ["1", "k:4", "d", "16"])
        XCTAssertEqual(h.raw("EXISTS", "k:1"), ":0\r\n")
        let info = strings(try value(h, args("FT.INFO", "idx")))
        let docs = info.firstIndex(of: "num_docs").map { info[$0 + 1] }
        XCTAssertEqual(docs, "16")
        XCTAssertEqual(info[(info.firstIndex(of: "hash_indexing_failures") ?? 0) + 1], "1")
    }

    func testFiltersCombineWithKNNAndNumericFieldsPrintAsNumbers() throws {
        let h = Harness()
        h.raw(
            "FT.CREATE", "idx", "ON", "HASH", "PREFIX", "1", "p:", "SCHEMA", "genre", "TAG", "year", "NUMERIC",
            "title", "TEXT", "v", "VECTOR", "HNSW", "6", "TYPE", "FLOAT32", "DIM", "2", "DISTANCE_METRIC", "IP")
        let rows: [(String, String, String, [Float])] = [
            ("p:1", "scifi", "1999.50", [1, 0]), ("p:2", "drama,scifi", "2005", [0.9, 0.1]),
            ("p:3", "drama", "2010", [0.8, 0.2]), ("p:4", "scifi", "2020", [0.5, 0.5]),
        ]
        for (key, genre, year, vector) in rows {
            _ = send(h, args("HSET", key, "genre", genre, "year", year, "title", "film \(key)", "v") + [blob(vector)])
        }
        let reply = strings(
            try value(
                h,
                args(
                    "FT.SEARCH", "idx", "(@genre:{scifi} @year:[(1999.5 +inf])=>[KNN 5 @v $q AS s]", "PARAMS", "2", "q")
                    + [blob([1, 0])] + args("SORTBY", "s", "RETURN", "2", "s", "year", "DIALECT", "2")))
        XCTAssertEqual(reply, ["2", "p:2", "s", "0.100000023842", "year", "2005", "p:4", "s", "0.5", "year", "2020"])
        let all = strings(try value(h, args("FT.SEARCH", "idx", "@genre:{drama | scifi}", "RETURN", "1", "year")))
        XCTAssertEqual(
            all, ["4", "p:1", "year", "1999.5", "p:2", "year", "2005", "p:3", "year", "2010", "p:4", "year", "2020"])
        let text = strings(try value(h, args("FT.SEARCH", "idx", "@title:(film 3)", "NOCONTENT")))
        XCTAssertEqual(text, ["1", "p:3"])
        XCTAssertEqual(h.raw("FT.SEARCH", "idx", "-@genre:{scifi}", "LIMIT", "0", "0"), "*1\r\n:1\r\n")
    }

    func testRESP2AndRESP3ReplyBytes() throws {
        let h = Harness()
        h.raw(
            "FT.CREATE", "idx", "SCHEMA", "t", "TAG", "v", "VECTOR", "FLAT", "6", "TYPE", "FLOAT32", "DIM", "2",
            "DISTANCE_METRIC", "COSINE")
        _ = send(h, args("HSET", "a", "t", "x", "v") + [blob([1, 0])])
        let search =
            args("FT.SEARCH", "idx", "*=>[KNN 1 @v $q AS d]", "PARAMS", "2", "q") + [blob([1, 0])]
            + args("RETURN", "2", "d", "t", "DIALECT", "2")
        XCTAssertEqual(
            String(decoding: send(h, search), as: UTF8.self),
            "*3\r\n:1\r\n$1\r\na\r\n*4\r\n$1\r\nd\r\n$1\r\n0\r\n$1\r\nt\r\n$1\r\nx\r\n")
        h.raw("HELLO", "3")
        XCTAssertEqual(
            String(decoding: send(h, search), as: UTF8.self),
            "%5\r\n+attributes\r\n*0\r\n+format\r\n+STRING\r\n+results\r\n*1\r\n%3\r\n+id\r\n$1\r\na\r\n"
                + "+extra_attributes\r\n%2\r\n$1\r\nd\r\n$1\r\n0\r\n$1\r\nt\r\n$1\r\nx\r\n+values\r\n*0\r\n"
                + "+total_results\r\n:1\r\n+warning\r\n*0\r\n")
        XCTAssertEqual(h.raw("FT._LIST"), "~1\r\n+idx\r\n")
        XCTAssertEqual(
            h.raw("MODULE", "LIST"),
            "*1\r\n%4\r\n$4\r\nname\r\n$6\r\nsearch\r\n$3\r\nver\r\n:20838\r\n$4\r\npath\r\n"
                + "$34\r\n/opt/redis-stack/lib/redisearch.so\r\n$4\r\nargs\r\n*0\r\n")
    }

    func testErrorsAndIndexLifecycle() {
        let h = Harness()
        let create = [
            "FT.CREATE", "idx", "PREFIX", "1", "d:", "SCHEMA", "v", "VECTOR", "FLAT", "6", "TYPE", "FLOAT32", "DIM",
            "2", "DISTANCE_METRIC", "L2",
        ]
        XCTAssertEqual(h.rawArray(create), "+OK\r\n")
        XCTAssertEqual(h.rawArray(create), "-Index already exists\r\n")
        XCTAssertEqual(h.raw("FT.SEARCH", "nope", "*"), "-nope: no such index\r\n")
        XCTAssertEqual(h.raw("FT.INFO", "nope"), "-Unknown index name\r\n")
        XCTAssertEqual(h.raw("FT.DROPINDEX", "nope"), "-Unknown Index name\r\n")
        XCTAssertEqual(h.raw("FT.SEARCH", "idx"), "-ERR wrong number of arguments for 'FT.SEARCH' command\r\n")
        XCTAssertEqual(
            h.raw("FT.CREATE", "x", "SCHEMA", "v", "VECTOR", "FLAT", "6"), "-Expected 6 parameters but got 0\r\n")
        XCTAssertEqual(
            h.raw("FT.CREATE", "x", "SCHEMA", "v", "VECTOR", "FLAT", "4", "TYPE", "FLOAT32", "DIM", "1024"),
            "-Missing mandatory parameter: cannot create FLAT index without specifying DISTANCE_METRIC argument\r\n")
        XCTAssertEqual(
            h.raw("FT.SEARCH", "idx", "*=>[KNN 2 @v $q]", "DIALECT", "2"), "-No such parameter `q`\r\n")
        XCTAssertEqual(
            h.raw("FT.SEARCH", "idx", "*=>[KNN 2 @v $q]", "PARAMS", "2", "q", "abc", "DIALECT", "2"),
            "-Error parsing vector similarity query: query vector blob size (3) does not match index's expected"
                + " size (8).\r\n")
        h.raw("HSET", "d:1", "v", "12345678")
        h.raw("HSET", "other", "v", "12345678")
        XCTAssertEqual(h.raw("FT.SEARCH", "idx", "*", "NOCONTENT"), "*2\r\n:1\r\n$3\r\nd:1\r\n")
        XCTAssertEqual(h.raw("FT.DROPINDEX", "idx", "DD"), "+OK\r\n")
        XCTAssertEqual(h.raw("EXISTS", "d:1", "other"), ":1\r\n")
        XCTAssertEqual(h.raw("FT._LIST"), "*0\r\n")
        h.rawArray(create)
        h.raw("FLUSHALL")
        XCTAssertEqual(h.raw("FT._LIST"), "*0\r\n")
    }

    func testExistingHashesAreIndexedOnCreate() throws {
        let h = Harness()
        _ = send(h, args("HSET", "doc:1", "v") + [blob([3, 4])])
        h.raw("HSET", "doc:2", "title", "no vector")
        h.raw(
            "FT.CREATE", "idx", "PREFIX", "1", "doc:", "SCHEMA", "v", "VECTOR", "FLAT", "6", "TYPE", "FLOAT32",
            "DIM", "2", "DISTANCE_METRIC", "L2")
        let reply = strings(
            try value(
                h,
                args("FT.SEARCH", "idx", "*=>[KNN 5 @v $q]", "PARAMS", "2", "q") + [blob([0, 0])]
                    + args("RETURN", "1", "__v_score", "DIALECT", "2")))
        XCTAssertEqual(reply, ["1", "doc:1", "__v_score", "25"])
        XCTAssertEqual(strings(try value(h, args("FT.SEARCH", "idx", "*", "NOCONTENT"))), ["2", "doc:1", "doc:2"])
    }
}
