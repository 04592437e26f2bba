import Foundation
import TestSupport
import XCTest

#if canImport(Glibc)
import Glibc
#endif

/// Real clients against the built `archlab redis-server`: redis-py's `ft()` API and RedisVL 0.28
/// (`SearchIndex` create/load/query, `SemanticCache` store/check/TTL with a vectorizer that returns
/// the embeddings `archlab embed` prints), over RESP2 and RESP3. The checks live in
/// Tests/RedisServerTests/Fixtures/vector_search_clients.py, which compares KNN results with a numpy
/// brute force.
final class VectorSearchClientsEndToEndTests: XCTestCase {
    private static let prompts = [
        "What is the capital of France?",
        "Tell me the capital city of France",
        "How do I reset my password?",
        "How can I change my password?",
        "Explain the token bucket rate limiting algorithm",
        "What is a sliding window rate limit?",
        "Best pizza restaurants in Naples tonight",
        "dimension test",  // what RedisVL's CustomVectorizer embeds to learn the dimension
    ]

    private func clientsDirectory() throws -> (python: String, directory: String) {
        let directory =
            ProcessInfo.processInfo.environment["ARCHLAB_REDISVL"]
            ?? ArchLabRunner.packageRoot.appendingPathComponent(".build/redisvl").path
        let python = findExecutable("python3")
        try requireTool(
            python != nil && FileManager.default.fileExists(atPath: directory + "/redisvl")
                && FileManager.default.fileExists(atPath: directory + "/numpy"),
            "RedisVL is not installed in \(directory) (python3 -m pip install --target \(directory) redisvl==0.28.0)")
        return (python ?? "python3", directory)
    }

    /// `archlab embed --format json --model lexical` for every prompt, as one JSON object.
    private func embeddingsFile() throws -> URL {
        var object: [String: [Double]] = [:]
        for prompt in Self.prompts {
            let output = try ArchLabRunner.run(["embed", "--format", "json", "--model", "lexical", prompt])
            XCTAssertEqual(output.status, 0, output.stderr)
            let parsed = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any]
            object[prompt] = parsed?["embedding"] as? [Double] ?? []
        }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("archlab-embeddings-\(getpid()).json")
        try JSONSerialization.data(withJSONObject: object).write(to: url)
        return url
    }

    private func startServer() throws -> (Process, Int) {
        for _ in 0..<5 {
            let port = try freePort()
            let process = Process()
            process.executableURL = try ArchLabRunner.binary
            process.arguments = ["redis-server", "--port", String(port)]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            for _ in 0..<500 where process.isRunning {
                if canConnect(port: port) { return (process, port) }
                Thread.sleep(forTimeInterval: 0.02)
            }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
        }
        throw XCTSkip("archlab redis-server did not listen on any of 5 free ports")
    }

    /// `pythonPath` (redis-py 5, say) goes before RedisVL's directory, which still provides numpy.
    private func runClients(protocolVersion: Int, pythonPath: String? = nil) throws {
        var (python, directory) = try clientsDirectory()
        if let pythonPath { directory = pythonPath + ":" + directory }
        let embeddings = try embeddingsFile()
        defer { try? FileManager.default.removeItem(at: embeddings) }
        let (server, port) = try startServer()
        defer {
            kill(server.processIdentifier, SIGKILL)
            server.waitUntilExit()
        }
        let script = ArchLabRunner.packageRoot.appendingPathComponent(
            "Tests/RedisServerTests/Fixtures/vector_search_clients.py")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [script.path, String(port), String(protocolVersion), embeddings.path]
        var environment = ProcessInfo.processInfo.environment
        environment["PYTHONPATH"] = directory
        environment["TRANSFORMERS_OFFLINE"] = "1"
        process.environment = environment
        let output = try ProcessCapture.run(process, timeout: 300)
        XCTAssertFalse(output.timedOut, "the clients hung:\n\(output.stdout)")
        XCTAssertEqual(output.status, 0, "\(output.stdout)\n\(output.stderr.suffix(4000))")
        XCTAssertTrue(output.stdout.contains("all checks passed"), output.stdout)
    }

    func testRedisPyAndRedisVLOverRESP2() throws {
        try runClients(protocolVersion: 2)
    }

    func testRedisPyAndRedisVLOverRESP3() throws {
        try runClients(protocolVersion: 3)
    }

    /// redis-py 5's ft() API (RedisVL 0.28 itself needs redis-py 6 or later).
    func testRedisPy5FtOverRESP2() throws {
        let directory =
            ProcessInfo.processInfo.environment["ARCHLAB_REDISPY5"]
            ?? ArchLabRunner.packageRoot.appendingPathComponent(".build/redis-py5").path
        try requireTool(
            FileManager.default.fileExists(atPath: directory + "/redis"),
            "redis-py 5 is not installed in \(directory) (pip install --target \(directory) redis==5.2.1)")
        try runClients(protocolVersion: 2, pythonPath: directory)
    }
}
