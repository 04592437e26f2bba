import Clocks
import Foundation
import Gateway
import Keyspace
import Labs
import RateLimit
import Semantic
import XCTest

@testable import GatewayServer

final class GatewayServerTests: XCTestCase {
    private var server: GatewayHTTPServer?
    private var serving: Task<Void, Error>?
    /// The server's clock: 2 s into a 10 s window (Unix time 1,800,000,002), moved only by the tests.
    private let clock = ManualClock(milliseconds: 1_800_000_002_000)

    private func start(step: Int = 8, limit: String = "5 per 10 s", maxBody: Int = 64 * 1024) async throws -> Int {
        var options = GatewayFactory.Options()
        options.step = step
        options.limiter = try LimiterSpec(algorithm: "sliding-window", rate: LimitRate(parsing: limit))
        let gateway = try GatewayFactory.make(
            options, redis: SharedKeyspace(), embedder: LexicalEmbedder(), llm: SimulatedLLM(seed: 42), clock: clock)
        var configuration = GatewayServerConfiguration()
        configuration.port = 0
        configuration.latencyScale = 0.02
        configuration.maxBodyBytes = maxBody
        let server = try await GatewayHTTPServer(gateway: gateway, configuration: configuration, clock: clock)
        self.server = server
        serving = Task { try await server.run() }
        return server.port
    }

    override func tearDown() async throws {
        server?.shutdown()
        _ = try? await serving?.value
    }

    /// Polls `/metrics` until it holds `line`: the server has finished with a request the test walked away from.
    private func waitForMetric(_ line: String, port: Int) async throws {
        for _ in 0..<200 {
            let metrics = try HTTPTestClient.request(port: port, "GET", "/metrics").body
            if metrics.split(separator: "\n").contains(Substring(line)) { return }
            try await Task.sleep(for: .milliseconds(10))
        }
        XCTFail("/metrics never showed `\(line)`")
    }

    private func chat(_ prompt: String, stream: Bool = false) -> String {
        let escaped = prompt.replacingOccurrences(of: "\"", with: "\\\"")
        return #"{"model":"gpt-4o","stream":\#(stream),"messages":[{"role":"user","content":"\#(escaped)"}]}"#
    }

    private func json(_ text: String) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    func testHealthAndMetrics() async throws {
        let port = try await start()
        let health = try HTTPTestClient.request(port: port, "GET", "/healthz")
        XCTAssertEqual(health.status, 200)
        XCTAssertEqual(try json(health.body)["status"] as? String, "ok")
        _ = try HTTPTestClient.request(
            port: port, "POST", "/v1/chat/completions", body: chat("Hello there"),
            headers: ["Authorization": "Bearer m"])
        let metrics = try HTTPTestClient.request(port: port, "GET", "/metrics")
        XCTAssertEqual(metrics.status, 200)
        XCTAssertTrue(metrics.body.contains("archlab_requests_total 1"), metrics.body)
        XCTAssertTrue(metrics.body.contains("archlab_request_duration_seconds_bucket"), metrics.body)
        XCTAssertTrue(metrics.body.contains(#"archlab_llm_tokens_total{direction="output"}"#), metrics.body)
    }

    func testACompletionIsCachedAndTheRepeatIsAnExactHit() async throws {
        let port = try await start()
        let headers = ["Authorization": "Bearer alice"]
        let first = try HTTPTestClient.request(
            port: port, "POST", "/v1/chat/completions", body: chat("How do I reset my password?"), headers: headers)
        XCTAssertEqual(first.status, 200)
        XCTAssertEqual(first.header("X-Cache"), "MISS")
        let body = try json(first.body)
        XCTAssertEqual(body["object"] as? String, "chat.completion")
        XCTAssertEqual(body["model"] as? String, "gpt-4o")
        let choices = try XCTUnwrap(body["choices"] as? [[String: Any]])
        let text = try XCTUnwrap((choices.first?["message"] as? [String: Any])?["content"] as? String)
        let second = try HTTPTestClient.request(
            port: port, "POST", "/v1/chat/completions", body: chat("  how do I reset my   password? "), headers: headers
        )
        XCTAssertEqual(second.header("X-Cache"), "HIT-EXACT", "normalised prompts share one key")
        let again = try json(second.body)["choices"] as? [[String: Any]]
        XCTAssertEqual((again?.first?["message"] as? [String: Any])?["content"] as? String, text)
    }

    func testTheSixthRequestWithinTenSecondsGets429WithRetryAfter() async throws {
        let port = try await start()
        var statuses: [Int] = []
        var last: HTTPTestClient.Response?
        for index in 0..<6 {
            let response = try HTTPTestClient.request(
                port: port, "POST", "/v1/chat/completions", body: chat("Question \(index)"),
                headers: ["Authorization": "Bearer bot"])
            statuses.append(response.status)
            XCTAssertEqual(response.header("RateLimit-Limit"), "5")
            XCTAssertNotNil(response.header("X-RateLimit-Reset"))
            last = response
        }
        XCTAssertEqual(statuses, [200, 200, 200, 200, 200, 429])
        let rejected = try XCTUnwrap(last)
        XCTAssertEqual(rejected.header("RateLimit-Remaining"), "0")
        XCTAssertEqual(rejected.header("Retry-After"), "8", "whole seconds until the 10 s window ends, 2 s in")
        XCTAssertEqual(rejected.header("X-RateLimit-Reset"), "1800000010", "X-RateLimit-Reset is a Unix time")
        let error = try XCTUnwrap(try json(rejected.body)["error"] as? [String: Any])
        XCTAssertEqual(error["type"] as? String, "rate_limit_exceeded")
        let other = try HTTPTestClient.request(
            port: port, "POST", "/v1/chat/completions", body: chat("Question 9"),
            headers: ["Authorization": "Bearer human"])
        XCTAssertEqual(other.status, 200, "another key has its own limit")
    }

    func testAStreamArrivesInOrderEndsWithDoneAndIsCachedWhole() async throws {
        let port = try await start()
        let headers = ["Authorization": "Bearer s"]
        let streamed = try HTTPTestClient.request(
            port: port, "POST", "/v1/chat/completions", body: chat("Explain my invoice", stream: true), headers: headers
        )
        XCTAssertEqual(streamed.status, 200)
        XCTAssertEqual(streamed.header("Content-Type"), "text/event-stream")
        let events = streamed.body.components(separatedBy: "\n\n").filter { !$0.isEmpty }
        XCTAssertEqual(events.last, "data: [DONE]")
        var text = ""
        for event in events.dropLast() {
            let payload = try json(String(event.dropFirst("data: ".count)))
            let delta = (payload["choices"] as? [[String: Any]])?.first?["delta"] as? [String: Any]
            text += delta?["content"] as? String ?? ""
        }
        XCTAssertGreaterThan(events.count, 3)
        let cached = try HTTPTestClient.request(
            port: port, "POST", "/v1/chat/completions", body: chat("Explain my invoice"), headers: headers)
        XCTAssertEqual(cached.header("X-Cache"), "HIT-EXACT")
        let content =
            ((try json(cached.body)["choices"] as? [[String: Any]])?.first?["message"] as? [String: Any])?["content"]
            as? String
        XCTAssertEqual(content, text, "the cache holds the full streamed text")

        let replayed = try HTTPTestClient.request(
            port: port, "POST", "/v1/chat/completions", body: chat("Explain my invoice", stream: true), headers: headers
        )
        XCTAssertEqual(replayed.status, 200)
        XCTAssertEqual(replayed.header("X-Cache"), "HIT-EXACT")
        XCTAssertEqual(replayed.header("Content-Type"), "text/event-stream")
        let replayedEvents = replayed.body.components(separatedBy: "\n\n").filter { !$0.isEmpty }
        XCTAssertEqual(replayedEvents.last, "data: [DONE]")
        var replayedText = ""
        var roles: [String] = []
        var finishReasons: [String] = []
        for event in replayedEvents.dropLast() {
            let payload = try json(String(event.dropFirst("data: ".count)))
            let choice = (payload["choices"] as? [[String: Any]])?.first
            let delta = choice?["delta"] as? [String: Any]
            replayedText += delta?["content"] as? String ?? ""
            if let role = delta?["role"] as? String { roles.append(role) }
            if let reason = choice?["finish_reason"] as? String { finishReasons.append(reason) }
        }
        XCTAssertEqual(replayedText, text, "a hit replayed as a stream carries the cached text")
        XCTAssertEqual(roles, ["assistant"], "only the first replayed chunk names the role")
        XCTAssertEqual(finishReasons, ["stop"], "only the last chunk before [DONE] finishes")
    }

    func testAClientThatDisconnectsMidStreamLeavesNothingInTheCache() async throws {
        let port = try await start()
        let headers = ["Authorization": "Bearer d"]
        do {
            let client = try HTTPTestClient(port: port)
            client.send(
                "POST", "/v1/chat/completions", body: chat("Summarise my account", stream: true), headers: headers)
            XCTAssertTrue(client.read(until: "data: ").contains("data: "))
        }
        try await waitForMetric("archlab_requests_total 1", port: port)
        let after = try HTTPTestClient.request(
            port: port, "POST", "/v1/chat/completions", body: chat("Summarise my account"), headers: headers)
        XCTAssertEqual(after.header("X-Cache"), "MISS", "an interrupted stream must not be cached")
    }

    func testBadRequestsGetJSONErrorsAndTheServerStaysUp() async throws {
        let port = try await start(maxBody: 1024)
        let cases: [(String, Int)] = [
            ("{not json", 400),
            (#"{"messages":[{"role":"user","content":"hi"}]}"#, 400),
            (#"{"model":"m","messages":[]}"#, 400),
            (#"{"model":"m","messages":"hi"}"#, 400),
            (#"{"model":"m","temperature":9,"messages":[{"role":"user","content":"hi"}]}"#, 400),
            ("", 400),
            (String(repeating: "x", count: 5000), 413),
        ]
        for (body, status) in cases {
            let response = try HTTPTestClient.request(port: port, "POST", "/v1/chat/completions", body: body)
            XCTAssertEqual(response.status, status, body.prefix(60).description)
            XCTAssertNotNil(try? json(response.body)["error"], "a JSON error body for \(body.prefix(40))")
        }
        XCTAssertEqual(try HTTPTestClient.request(port: port, "GET", "/nope").status, 404)
        XCTAssertEqual(try HTTPTestClient.request(port: port, "GET", "/v1/chat/completions").status, 405)
        XCTAssertEqual(try HTTPTestClient.request(port: port, "GET", "/healthz").status, 200, "still serving")
    }

    func testWithoutAKeyTheCallerIsTheClientAddress() async throws {
        let port = try await start(limit: "2 per 10 s")
        let statuses = try (0..<3).map { index in
            try HTTPTestClient.request(port: port, "POST", "/v1/chat/completions", body: chat("Anonymous \(index)"))
                .status
        }
        XCTAssertEqual(statuses, [200, 200, 429])
    }
}
