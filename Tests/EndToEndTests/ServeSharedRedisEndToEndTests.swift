import Foundation
import TestSupport
import XCTest

#if canImport(Glibc)
import Glibc
#endif

/// `archlab serve --redis-url`: several gateways on one RESP server (a real redis-server, and
/// `archlab redis-server`) behave as one: one limit per key, cached answers seen by all, and the
/// configured fail-open / fail-closed behaviour while the server is down, with recovery after.
final class ServeSharedRedisEndToEndTests: ScratchDirectoryTestCase {
    override class var scratchPrefix: String { "serve-shared-e2e" }

    /// An hour's window, so no window boundary falls inside the test and lets a sixth request through.
    private static let limit = ["--limit", "5 per 3600 s"]
    private static let common = ["--model", "lexical", "--latency-scale", "0"]

    private struct Seen: Equatable, CustomStringConvertible {
        var status: Int
        var limit: String?
        var remaining: String?
        var retryAfter: Bool
        var cache: String?

        var description: String {
            "\(status) limit=\(limit ?? "-") remaining=\(remaining ?? "-") retry-after=\(retryAfter) "
                + "cache=\(cache ?? "-")"
        }
    }

    private static func header(_ name: String, in head: String) -> String? {
        head.split(separator: "\r\n").first { $0.lowercased().hasPrefix(name.lowercased() + ":") }
            .map { $0.dropFirst(name.count + 1).trimmingCharacters(in: .whitespaces) }
    }

    private static func chat(_ prompt: String, key: String = "shared-key", on client: KeepAliveHTTP) throws -> Seen {
        let body = #"{"model":"gpt-4o","messages":[{"role":"user","content":"\#(prompt)"}]}"#
        let response = try client.send(
            "POST", "/v1/chat/completions", body: body, headers: ["Authorization": "Bearer \(key)"])
        return Seen(
            status: response.status, limit: header("RateLimit-Limit", in: response.head),
            remaining: header("RateLimit-Remaining", in: response.head),
            retryAfter: header("Retry-After", in: response.head) != nil, cache: header("X-Cache", in: response.head))
    }

    /// Seven requests from one key, spread round-robin over the gateways.
    private func sevenRequests(over gateways: [ServeProcess]) throws -> [Seen] {
        let clients = try gateways.map { try KeepAliveHTTP(port: $0.port) }
        return try (0..<7).map { index in
            try Self.chat("Distinct question number \(index)?", on: clients[index % clients.count])
        }
    }

    private func assertOneLimit(redisURL: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let single = try ServeProcess(Self.common + Self.limit, in: scratch)
        let alone = try sevenRequests(over: [single])
        single.stop()
        let gateways = try (0..<3).map { _ in
            try ServeProcess(Self.common + Self.limit + ["--redis-url", redisURL], in: scratch)
        }
        let together = try sevenRequests(over: gateways)
        gateways.forEach { $0.stop() }
        XCTAssertEqual(
            together.map(\.status), [200, 200, 200, 200, 200, 429, 429], "\(together)", file: file, line: line)
        XCTAssertEqual(together, alone, "three gateways on one server answer as one gateway", file: file, line: line)
        XCTAssertEqual(together.map(\.remaining), ["4", "3", "2", "1", "0", "0", "0"], file: file, line: line)
    }

    func testThreeGatewaysOnOneRedisServerEnforceOneLimit() throws {
        let redis = try ReferenceRedis.start()
        defer { redis.stop() }
        try assertOneLimit(redisURL: "redis://127.0.0.1:\(redis.port)")
    }

    func testThreeGatewaysOnOneArchLabRedisServerEnforceOneLimit() throws {
        let server = try ArchLabRedisServer(in: scratch)
        defer { server.stop() }
        try assertOneLimit(redisURL: "redis://127.0.0.1:\(server.port)")
    }

    /// An answer cached through one gateway is an exact hit on another; on a server without vector
    /// search (redis-server 7.0) the semantic cache stays in process, with one warning line.
    func testAnExactAnswerCachedThroughOneGatewayIsAHitOnAnother() throws {
        let redis = try ReferenceRedis.start()
        defer { redis.stop() }
        let url = "redis://127.0.0.1:\(redis.port)"
        let first = try ServeProcess(Self.common + ["--redis-url", url], in: scratch)
        let second = try ServeProcess(Self.common + ["--redis-url", url], in: scratch)
        defer {
            first.stop()
            second.stop()
        }
        let miss = try Self.chat("How do I reset my password?", on: KeepAliveHTTP(port: first.port))
        let hit = try Self.chat("how do I  reset my password?", on: KeepAliveHTTP(port: second.port))
        XCTAssertEqual(miss.cache, "MISS")
        XCTAssertEqual(hit.cache, "HIT-EXACT")
        let warnings = second.text.split(separator: "\n").filter { $0.contains("has no vector search") }
        XCTAssertEqual(warnings.count, 1, second.text)
        XCTAssertTrue(warnings.first?.contains("the semantic cache stays in this process") ?? false, second.text)
        XCTAssertTrue(second.text.contains("semantic cache in process"), second.text)
    }

    /// On `archlab redis-server`, which has vector search, a paraphrase asked through another
    /// gateway is a semantic hit: the entry and its vector live in the server's index.
    func testASemanticAnswerCachedThroughOneGatewayIsAHitOnAnother() throws {
        let server = try ArchLabRedisServer(in: scratch)
        defer { server.stop() }
        let url = "redis://127.0.0.1:\(server.port)"
        let options = Self.common + ["--redis-url", url, "--threshold", "0.8"]
        let first = try ServeProcess(options, in: scratch)
        let second = try ServeProcess(options, in: scratch)
        defer {
            first.stop()
            second.stop()
        }
        XCTAssertTrue(second.text.contains("semantic cache shared"), second.text)
        let miss = try Self.chat("How do I reset my password?", on: KeepAliveHTTP(port: first.port))
        let hit = try Self.chat("How can I reset my password?", on: KeepAliveHTTP(port: second.port))
        XCTAssertEqual(miss.cache, "MISS")
        XCTAssertEqual(hit.cache, "HIT-SEMANTIC")
    }

    func testLimiterFailOpenNeedsARedisURL() throws {
        let refused = try ArchLabRunner.run(["serve", "--limiter-fail-open"], in: scratch)
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(refused.stderr.contains("--limiter-fail-open needs --redis-url"), refused.stderr)
    }

    private func metric(_ labels: String, on client: KeepAliveHTTP) throws -> String? {
        let name = "archlab_shared_state_failures_total{\(labels)} "
        return try client.send("GET", "/metrics").body.split(separator: "\n")
            .first { $0.hasPrefix(name) }.map { String($0.dropFirst(name.count)) }
    }

    /// Fail closed (the default): while the server is down a request is refused with 429 and
    /// `Retry-After`, and counted; when the server is back, requests are decided by it again.
    func testAKilledRedisServerFailsClosedAndRecovers() throws {
        var redis = try ReferenceRedis.start()
        defer { redis.stop() }
        let serve = try ServeProcess(
            Self.common + Self.limit + ["--redis-url", "redis://127.0.0.1:\(redis.port)"], in: scratch)
        defer { serve.stop() }
        let client = try KeepAliveHTTP(port: serve.port)
        XCTAssertEqual(try Self.chat("Before the outage?", on: client).status, 200)
        redis.stop()
        let during = try Self.chat("During the outage?", on: client)
        XCTAssertEqual(during.status, 429, "\(during)")
        XCTAssertTrue(during.retryAfter)
        XCTAssertEqual(try metric(#"state="limiter",policy="fail-closed""#, on: client), "1")
        redis = try ReferenceRedis.start(port: redis.port)
        let after = try Self.chat("After the outage?", on: client)
        XCTAssertEqual(after.status, 200, "\(after)")
        XCTAssertEqual(after.remaining, "4", "a fresh server starts the count again")
        XCTAssertEqual(try metric(#"state="limiter",policy="fail-closed""#, on: client), "1")
    }

    /// `--limiter-fail-open`: while the server is down requests go through (the caches miss), each
    /// failure counted; when it is back, the limit applies again.
    func testAKilledRedisServerFailsOpenWithTheFlagAndRecovers() throws {
        var redis = try ReferenceRedis.start()
        defer { redis.stop() }
        let serve = try ServeProcess(
            Self.common + Self.limit + ["--redis-url", "redis://127.0.0.1:\(redis.port)", "--limiter-fail-open"],
            in: scratch)
        defer { serve.stop() }
        let client = try KeepAliveHTTP(port: serve.port)
        XCTAssertEqual(try Self.chat("Before the outage?", on: client).status, 200)
        redis.stop()
        let during = try (0..<7).map { try Self.chat("During the outage \($0)?", on: client) }
        XCTAssertEqual(during.map(\.status), Array(repeating: 200, count: 7), "\(during)")
        XCTAssertEqual(try metric(#"state="limiter",policy="fail-open""#, on: client), "7")
        XCTAssertNotEqual(try metric(#"state="exact-cache",policy="fail-open""#, on: client), "0")
        redis = try ReferenceRedis.start(port: redis.port)
        let after = try (0..<6).map { try Self.chat("After the outage \($0)?", on: client) }
        XCTAssertEqual(after.map(\.status), [200, 200, 200, 200, 200, 429], "\(after)")
    }

    /// `archlab run … --redis-url`: the limiter decides on the server exactly as in process (the
    /// same report), and the run's namespace is gone from the server afterwards.
    func testARunOnRedisReportsAsInProcessAndLeavesNoKeys() throws {
        let redis = try ReferenceRedis.start()
        defer { redis.stop() }
        try assertRunOnServer(port: redis.port, ["windows", "--model", "lexical"])
    }

    /// The same on `archlab redis-server`, whose vector index holds the run's semantic cache: the
    /// same report, and no key (of 2,000 requests' worth) or index left.
    func testASemanticRunOnArchLabRedisServerReportsAsInProcessAndLeavesNoKeys() throws {
        let server = try ArchLabRedisServer(in: scratch)
        defer { server.stop() }
        try assertRunOnServer(port: server.port, ["semantic-cache", "--model", "lexical", "--set", "threshold=0.80"])
        XCTAssertEqual(try redisCLI(port: server.port, ["FT._LIST"]), "")
    }

    private func assertRunOnServer(
        port: Int, _ scenario: [String], file: StaticString = #filePath, line: UInt = #line
    ) throws {
        let command = ["run"] + scenario + ["--format", "json", "--no-record"]
        let alone = try ArchLabRunner.run(command, in: scratch)
        let shared = try ArchLabRunner.run(command + ["--redis-url", "redis://127.0.0.1:\(port)"], in: scratch)
        XCTAssertEqual(alone.status, 0, alone.stderr, file: file, line: line)
        XCTAssertEqual(shared.status, 0, shared.stderr, file: file, line: line)
        XCTAssertEqual(shared.stdout, alone.stdout, file: file, line: line)
        XCTAssertEqual(try redisCLI(port: port, ["DBSIZE"]), "0", file: file, line: line)
    }

    private func redisCLI(port: Int, _ arguments: [String]) throws -> String {
        let cli = try requireExecutable("redis-cli", "redis-cli is not installed (apt-get install redis-tools)")
        let process = Process()
        let pipe = Pipe()
        process.executableURL = URL(fileURLWithPath: cli)
        process.arguments = ["-p", String(port)] + arguments
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// `archlab redis-server` as a child process on a free loopback port.
final class ArchLabRedisServer {
    let port: Int
    private let process = Process()

    init(in directory: URL) throws {
        port = try freePort()
        process.executableURL = try ArchLabRunner.binary
        process.arguments = ["redis-server", "--port", String(port)]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.currentDirectoryURL = directory
        try process.run()
        for _ in 0..<500 where process.isRunning {
            if canConnect(port: port) { return }
            Thread.sleep(forTimeInterval: 0.02)
        }
        stop()
        throw ServeTestFailure("archlab redis-server did not listen on port \(port)")
    }

    func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    deinit { stop() }
}
