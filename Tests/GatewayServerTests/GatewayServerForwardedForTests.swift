import Clocks
import Gateway
import Keyspace
import Labs
import RateLimit
import Semantic
import XCTest

@testable import GatewayServer

/// `serve --trusted-proxy`: X-Forwarded-For names the caller only when the request came from a trusted proxy,
/// and then by its right-most entry that is not a proxy. Requests without a key are limited per caller
/// (2 per 10 s), so `RateLimit-Remaining` shows whose count a request went to. Time moves only by the test.
final class GatewayServerForwardedForTests: XCTestCase {
    private var server: GatewayHTTPServer?
    private var serving: Task<Void, Error>?
    private let clock = ManualClock(milliseconds: 1_800_000_002_000)

    private func start(trustedProxies: Set<String>) async throws -> Int {
        var options = GatewayFactory.Options()
        options.limiter = try LimiterSpec(algorithm: "fixed-window", rate: LimitRate(parsing: "2 per 10 s"))
        options.trustedProxies = trustedProxies
        let gateway = try GatewayFactory.make(
            options, redis: SharedKeyspace(), embedder: LexicalEmbedder(), llm: SimulatedLLM(seed: 42), clock: clock)
        var configuration = GatewayServerConfiguration()
        configuration.port = 0
        configuration.latencyScale = 0.02
        configuration.trustedProxies = trustedProxies
        let server = try await GatewayHTTPServer(gateway: gateway, configuration: configuration, clock: clock)
        self.server = server
        serving = Task { try await server.run() }
        return server.port
    }

    override func tearDown() async throws {
        server?.shutdown()
        _ = try? await serving?.value
    }

    private func post(_ port: Int, forwardedFor: String?) throws -> HTTPTestClient.Response {
        try HTTPTestClient.request(
            port: port, "POST", "/v1/chat/completions",
            body: #"{"model":"gpt-4o","messages":[{"role":"user","content":"How do I reset my password?"}]}"#,
            headers: forwardedFor.map { ["X-Forwarded-For": $0] } ?? [:])
    }

    func testAForgedForwardedForFromAnUntrustedPeerIsIgnored() async throws {
        let port = try await start(trustedProxies: [])
        let responses = try ["203.0.113.1", "203.0.113.2", "203.0.113.3"].map { try post(port, forwardedFor: $0) }
        XCTAssertEqual(responses.map(\.status), [200, 200, 429], "every forged address counts against the peer")
        XCTAssertEqual(responses.map { $0.header("RateLimit-Remaining") }, ["1", "0", "0"])
    }

    func testAForwardedForFromAnUntrustedPeerIsIgnoredEvenWhenProxiesAreConfigured() async throws {
        let port = try await start(trustedProxies: ["10.9.9.9"])
        let statuses = try ["203.0.113.1", "203.0.113.2", "203.0.113.3"].map { try post(port, forwardedFor: $0).status }
        XCTAssertEqual(statuses, [200, 200, 429], "127.0.0.1 is not a trusted proxy: the header is not read")
    }

    func testThroughATrustedProxyTheRightMostUntrustedEntryIsTheCaller() async throws {
        let port = try await start(trustedProxies: ["127.0.0.1", "10.0.0.2"])
        // The client forges a different left-most entry each time; the proxies append what they saw.
        let client = try ["1.1.1.1", "2.2.2.2", "3.3.3.3"].map {
            try post(port, forwardedFor: "\($0), 198.51.100.7, 10.0.0.2")
        }
        XCTAssertEqual(client.map(\.status), [200, 200, 429], "one caller, 198.51.100.7, whatever it forges")
        let other = try post(port, forwardedFor: "198.51.100.8")
        XCTAssertEqual(other.status, 200, "another client behind the same proxy has its own limit")
        XCTAssertEqual(other.header("RateLimit-Remaining"), "1")
        let proxyItself = try post(port, forwardedFor: nil)
        XCTAssertEqual(proxyItself.status, 200, "without the header the proxy's own address is the caller")
        XCTAssertEqual(proxyItself.header("RateLimit-Remaining"), "1")
    }
}
