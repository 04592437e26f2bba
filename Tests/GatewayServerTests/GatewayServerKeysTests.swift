import Clocks
import Foundation
import Gateway
import Keyspace
import Labs
import RateLimit
import Semantic
import XCTest

@testable import GatewayServer

/// `serve --keys`: only issued keys are served; missing and made-up keys get 401 and cost nothing,
/// and an address sending them is itself rate limited. Time moves only when a test moves the clock.
final class GatewayServerKeysTests: XCTestCase {
    private var server: GatewayHTTPServer?
    private var serving: Task<Void, Error>?
    /// 2 s into a 10 s window (Unix time 1,800,000,002).
    private let clock = ManualClock(milliseconds: 1_800_000_002_000)
    private let ada = APIKey(
        name: "ada", key: "sk-ada-0123456789", tenant: "acme", limit: try? LimitRate(parsing: "2 per 10 s"))
    private let bob = APIKey(name: "bob", key: "sk-bob-9876543210")

    private func start(keys: [APIKey]?, unauthenticated: String = "5 per 10 s") async throws -> Int {
        var options = GatewayFactory.Options()
        options.limiter = try LimiterSpec(algorithm: "sliding-window", rate: LimitRate(parsing: "5 per 10 s"))
        for key in keys ?? [] {
            if let limit = key.limit { options.keyLimits[key.name] = limit }
        }
        let gateway = try GatewayFactory.make(
            options, redis: SharedKeyspace(), embedder: LexicalEmbedder(), llm: SimulatedLLM(seed: 42), clock: clock)
        var configuration = GatewayServerConfiguration()
        configuration.port = 0
        configuration.latencyScale = 0.02
        if let keys {
            configuration.keyGate = try APIKeyGate(
                keyring: APIKeyring(keys), unauthenticatedLimit: LimitRate(parsing: unauthenticated), clock: clock)
        }
        let server = try await GatewayHTTPServer(gateway: gateway, configuration: configuration, clock: clock)
        self.server = server
        serving = Task { try await server.run() }
        return server.port
    }

    override func tearDown() async throws {
        server?.shutdown()
        _ = try? await serving?.value
    }

    private func chat(_ prompt: String) -> String {
        #"{"model":"gpt-4o","messages":[{"role":"user","content":"\#(prompt)"}]}"#
    }

    private func post(_ port: Int, _ prompt: String, key: String?) throws -> HTTPTestClient.Response {
        try HTTPTestClient.request(
            port: port, "POST", "/v1/chat/completions", body: chat(prompt),
            headers: key.map { ["Authorization": "Bearer \($0)"] } ?? [:])
    }

    private func metric(_ name: String, port: Int) throws -> String? {
        let text = try HTTPTestClient.request(port: port, "GET", "/metrics").body
        return text.split(separator: "\n").first { $0.hasPrefix(name + " ") }.map {
            String($0.dropFirst(name.count + 1))
        }
    }

    func testOpenServerGivesEveryMadeUpKeyItsOwnLimit() async throws {
        let port = try await start(keys: nil)
        let statuses = try (1...10).map { try post(port, "Forged \($0)", key: "made-up-\($0)").status }
        XCTAssertEqual(statuses, Array(repeating: 200, count: 10), "without --keys any Bearer string is an identity")
    }

    func testMadeUpKeysGet401ThenTheirAddressGets429AndCostNothing() async throws {
        let port = try await start(keys: [ada, bob])
        var responses: [HTTPTestClient.Response] = []
        for index in 1...10 {
            responses.append(try post(port, "Forged \(index)", key: "made-up-\(index)"))
        }
        XCTAssertEqual(responses.map(\.status), [401, 401, 401, 401, 401, 429, 429, 429, 429, 429])
        let refused = try XCTUnwrap(responses.first)
        let error = try XCTUnwrap(
            (try JSONSerialization.jsonObject(with: Data(refused.body.utf8)) as? [String: Any])?["error"]
                as? [String: Any])
        XCTAssertEqual(error["type"] as? String, "invalid_request_error")
        XCTAssertEqual(error["code"] as? String, "invalid_api_key")
        XCTAssertEqual(error["message"] as? String, "Incorrect API key provided.")
        XCTAssertFalse(refused.body.contains("made-up-1"), "the key is not echoed")
        XCTAssertNil(refused.header("X-Cache"), "no cache was consulted")
        XCTAssertEqual(refused.header("WWW-Authenticate"), "Bearer", "RFC 6750's challenge")
        let throttled = try XCTUnwrap(responses.last)
        XCTAssertEqual(throttled.header("Retry-After"), "8", "whole seconds until the 10 s window ends, 2 s in")
        XCTAssertEqual(try post(port, "No key", key: nil).status, 429, "a missing key counts against the same address")

        XCTAssertEqual(try metric("archlab_unauthorized_total", port: port), "5")
        XCTAssertEqual(try metric("archlab_rate_limited_total", port: port), "6")
        XCTAssertEqual(try metric("archlab_cache_misses_total", port: port), "0", "no model call")
        XCTAssertEqual(try metric(#"archlab_cache_hits_total{kind="exact"}"#, port: port), "0", "no cache lookup")
        XCTAssertEqual(try metric(#"archlab_llm_tokens_total{direction="input"}"#, port: port), "0")

        let issued = try post(port, "How do I reset my password?", key: "sk-bob-9876543210")
        XCTAssertEqual(issued.status, 200, "an issued key is not held back by its address's refusals")
        XCTAssertEqual(issued.header("RateLimit-Remaining"), "4")

        clock.advance(milliseconds: 10_000)
        let missing = try post(port, "Later", key: nil)
        XCTAssertEqual(missing.status, 401, "a new window forgives the address")
        let body = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(missing.body.utf8)) as? [String: Any])
        XCTAssertEqual(
            (body["error"] as? [String: Any])?["message"] as? String,
            "Missing API key: send it as `Authorization: Bearer KEY`.")
    }

    func testAnIssuedKeyUsesItsTenantAndItsOwnLimitCountedByName() async throws {
        let port = try await start(keys: [ada, bob])
        let prompt = "How do I reset my password?"
        let first = try post(port, prompt, key: "sk-ada-0123456789")
        XCTAssertEqual(first.status, 200)
        XCTAssertEqual(first.header("RateLimit-Limit"), "2", "ada's own limit replaces the server's 5")
        XCTAssertEqual(try post(port, prompt, key: "sk-ada-0123456789").header("X-Cache"), "HIT-EXACT")
        XCTAssertEqual(try post(port, prompt, key: "sk-ada-0123456789").status, 429)
        let other = try post(port, prompt, key: "sk-bob-9876543210")
        XCTAssertEqual(other.status, 200)
        XCTAssertEqual(other.header("X-Cache"), "MISS", "bob's requests use the default tenant, not ada's acme")
        XCTAssertEqual(other.header("RateLimit-Limit"), "5")
        XCTAssertEqual(
            try post(port, prompt, key: "sk-ada-0123456789 ").status, 429, "trailing space is trimmed: still ada")
        XCTAssertEqual(try post(port, prompt, key: "sk-ada-012345678").status, 401, "a prefix of a key is not the key")
    }
}
