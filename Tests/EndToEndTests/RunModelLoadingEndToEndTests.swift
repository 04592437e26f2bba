import Foundation
import XCTest

/// `archlab run` and the REPL's `run` load the MiniLM model only for a scenario whose gateway has a
/// semantic cache: a missing or broken model stops only the runs that need it, with the same messages.
final class RunModelLoadingEndToEndTests: XCTestCase {
    private let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
        "run-model-\(UUID().uuidString)")
    private var missing: URL { scratch.appendingPathComponent("missing") }
    private var broken: URL { scratch.appendingPathComponent("broken") }
    private static let modelFiles = [
        "model.safetensors", "vocab.txt", "config.json", "tokenizer_config.json", "1_Pooling/config.json",
        "modules.json",
        "sentence_bert_config.json",
    ]

    override func setUpWithError() throws {
        try FileManager.default.createDirectory(at: missing, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(
            at: broken.appendingPathComponent("1_Pooling"), withIntermediateDirectories: true)
        for file in Self.modelFiles {
            try Data("not a model\n".utf8).write(to: broken.appendingPathComponent(file))
        }
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: scratch)
    }

    private func run(_ arguments: [String], model: URL) throws -> ArchLabRunner.Output {
        try ArchLabRunner.run(
            ["run"] + arguments + ["--no-record"], in: scratch, environment: ["ARCHLAB_MODEL_DIR": model.path])
    }

    func testScenariosWithoutASemanticCacheNeverLoadTheModel() throws {
        for scenario in ["baseline", "exact-cache", "token-bucket"] {
            let asked = try run([scenario, "--model", "minilm"], model: missing)
            XCTAssertEqual(asked.status, 0, "\(scenario): \(asked.stderr)")
            XCTAssertTrue(asked.stdout.contains("requests"), asked.stdout)
            XCTAssertEqual(asked.stderr, "")
            let defaulted = try run([scenario], model: broken)
            XCTAssertEqual(defaulted.status, 0, "\(scenario): a broken model must not matter: \(defaulted.stderr)")
        }
        let misspelt = try run(["baseline", "--model", "minlm"], model: missing)
        XCTAssertEqual(misspelt.status, 2)
        XCTAssertTrue(misspelt.stderr.contains("minlm"), misspelt.stderr)
    }

    func testScenariosWithASemanticCacheStillReportAMissingOrBrokenModel() throws {
        let asked = try run(["semantic-cache", "--model", "minilm"], model: missing)
        XCTAssertEqual(asked.status, 1)
        XCTAssertEqual(asked.stdout, "")
        XCTAssertEqual(
            asked.stderr,
            "error: MiniLM model not installed: config.json is missing in \(missing.path) (run `archlab model fetch`)\n"
        )
        let defaulted = try run(["production"], model: broken)
        XCTAssertEqual(defaulted.status, 1)
        XCTAssertEqual(defaulted.stderr, "error: \(broken.path)/config.json: not a JSON object\n")
    }

    func testTheReplRunLoadsTheModelOnlyForASemanticScenario() throws {
        let session = try ReplProcess.run(
            [
                "--course", ArchLabRunner.packageRoot.path, "--db", scratch.appendingPathComponent("p.sqlite").path,
                "--learner", "ada",
            ],
            input: "run exact-cache model=minilm\nrun baseline\nrun semantic-cache\n",
            environment: ["ARCHLAB_MODEL_DIR": broken.path, "XDG_STATE_HOME": scratch.path])
        XCTAssertEqual(session.stdout.components(separatedBy: "Step 2: an exact cache").count, 2, session.stdout)
        XCTAssertTrue(session.stdout.contains("Step 1: every call goes to the model"), session.stdout)
        XCTAssertEqual(
            session.stderr.components(separatedBy: "\n").filter { !$0.isEmpty },
            ["error: Cannot load the embedder: \(broken.path)/config.json: not a JSON object"])
        XCTAssertEqual(session.status, 1)
    }
}
