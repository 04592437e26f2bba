import Foundation
import Semantic
import XCTest

final class TokenizerAndFormatTests: XCTestCase {
    private func tokenizer(maxLength: Int = 256) throws -> BertTokenizer {
        let tokens = [
            "[PAD]", "[UNK]", "[CLS]", "[SEP]", "hello", "world", ",", "!", "un", "##aff", "##able", "cafe", "'", "s",
            "東", "京",
        ]
        return try BertTokenizer(
            vocabulary: Dictionary(uniqueKeysWithValues: tokens.enumerated().map { ($1, Int32($0)) }),
            maxLength: maxLength)
    }

    func testBasicTokenizationAndWordPiece() throws {
        let t = try tokenizer()
        XCTAssertEqual(t.encode("Hello, WORLD!").tokens, ["[CLS]", "hello", ",", "world", "!", "[SEP]"])
        XCTAssertEqual(t.encode("unaffable").tokens, ["[CLS]", "un", "##aff", "##able", "[SEP]"])
        XCTAssertEqual(t.encode("Café's").tokens, ["[CLS]", "cafe", "'", "s", "[SEP]"])
        XCTAssertEqual(t.encode("東京").ids, [2, 14, 15, 3])
        XCTAssertEqual(
            t.encode("hello\u{200B}world").tokens, ["[CLS]", "[UNK]", "[SEP]"],
            "zero-width space is dropped, joining the words")
        XCTAssertEqual(t.encode(String(repeating: "a", count: 101)).tokens, ["[CLS]", "[UNK]", "[SEP]"])
        XCTAssertEqual(t.encode("").ids, [2, 3])
    }

    func testTruncationKeepsCLSAndSEP() throws {
        let t = try tokenizer(maxLength: 4)
        XCTAssertEqual(t.encode("hello world hello world").tokens, ["[CLS]", "hello", "world", "[SEP]"])
    }

    func testVocabularyWithoutSpecialTokensIsRejected() {
        XCTAssertThrowsError(try BertTokenizer(vocabulary: ["hello": 0]))
    }

    func testSafeTensorsReaderParsesAndRejects() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("archlab-st-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        func write(_ header: String, floats: [Float], name: String) throws -> String {
            var data = Data()
            var length = UInt64(header.utf8.count).littleEndian
            data.append(Data(bytes: &length, count: 8))
            data.append(Data(header.utf8))
            for f in floats {
                var bits = f.bitPattern.littleEndian
                data.append(Data(bytes: &bits, count: 4))
            }
            let path = directory.appendingPathComponent(name).path
            try data.write(to: URL(fileURLWithPath: path))
            return path
        }
        let good = try write(
            #"{"__metadata__":{"format":"pt"},"w":{"dtype":"F32","shape":[2,2],"data_offsets":[0,16]}}"#,
            floats: [1, 2, 3, 4], name: "good.safetensors")
        let file = try SafeTensorsFile(path: good)
        XCTAssertEqual(try file.floats("w", shape: [2, 2]), [1, 2, 3, 4])
        XCTAssertThrowsError(try file.floats("w", shape: [4]))
        XCTAssertThrowsError(try file.floats("missing"))
        let truncated = try write(
            #"{"w":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}}"#, floats: [1, 2], name: "short.safetensors")
        XCTAssertThrowsError(try SafeTensorsFile(path: truncated)) { XCTAssertTrue("\($0)".contains("inconsistent")) }
        XCTAssertThrowsError(try MiniLMEmbedder(directory: directory.path)) {
            XCTAssertTrue("\($0)".contains("model fetch"))
        }
    }

    func testBuiltInSweepDatasetHasEnoughPairsOfEachKind() throws {
        let counts = try SweepDataset.builtIn().counts
        XCTAssertGreaterThanOrEqual(counts[.paraphrase] ?? 0, 30)
        for kind in [SweepDataset.Kind.negation, .entity, .number] {
            XCTAssertGreaterThanOrEqual(counts[kind] ?? 0, 20, kind.rawValue)
        }
    }

    func testDatasetErrorsNameTheLine() {
        XCTAssertThrowsError(try SweepDataset(name: "pairs.tsv", text: "# header\nparaphrase\ta\tb\nsynonym\ta\tb\n")) {
            XCTAssertEqual("\($0)".hasPrefix("pairs.tsv:3:"), true, "\($0)")
        }
    }

    func testSweepCountsHitsPerThreshold() throws {
        let data = try SweepDataset(
            name: "t", text: "paraphrase\tthe red car\tthe red car\nnumber\tconvert 10 miles\tconvert 15 miles\n")
        let sweep = try ThresholdSweep(dataset: data, embedder: LexicalEmbedder())
        let rows = sweep.rows(thresholds: [0, 0.999])
        XCTAssertEqual(rows[0].falsePositives, 1)
        XCTAssertEqual(rows[0].recall, 1)
        XCTAssertEqual(rows[1].falseHitRate, 0)
        XCTAssertEqual(rows[1].precision, 1)
    }

    func testModelStoreLocation() {
        XCTAssertEqual(ModelStore(environment: ["ARCHLAB_MODEL_DIR": "/m", "XDG_CACHE_HOME": "/x"]).directory, "/m")
        XCTAssertEqual(
            ModelStore(environment: ["XDG_CACHE_HOME": "/x"]).directory, "/x/archlab/models/all-MiniLM-L6-v2")
        XCTAssertEqual(
            ModelStore(environment: ["HOME": "/home/a"]).directory, "/home/a/.cache/archlab/models/all-MiniLM-L6-v2")
    }
}
