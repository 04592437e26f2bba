import Clocks
import Foundation
import Gateway
import Keyspace
import Labs
import RateLimit
import Semantic
import XCTest

@testable import GatewayServer

/// `archlab serve` against slow and hoarding clients, over real sockets on 127.0.0.1: a request whose head never
/// completes is closed after the header-read timeout, an idle keep-alive connection after the idle timeout, a
/// connection over `--max-connections` at once, and `/healthz` answers while hundreds of half-sent requests wait.
/// The timeouts are set short here; only "the server closed it" is asserted, never how fast.
final class ConnectionLimitTests: XCTestCase {
    private var server: GatewayHTTPServer?
    private var serving: Task<Void, Error>?

    private func start(
        headerTimeout: Double = 60, idleTimeout: Double = 60, maxConnections: Int = 1024
    ) async throws -> Int {
        let clock = ManualClock(milliseconds: 1_800_000_002_000)
        let gateway = try GatewayFactory.make(
            GatewayFactory.Options(), redis: SharedKeyspace(), embedder: LexicalEmbedder(), llm: SimulatedLLM(seed: 42),
            clock: clock)
        var configuration = GatewayServerConfiguration()
        configuration.port = 0
        configuration.latencyScale = 0.02
        configuration.headerReadTimeout = headerTimeout
        configuration.idleTimeout = idleTimeout
        configuration.maxConnections = maxConnections
        let server = try await GatewayHTTPServer(gateway: gateway, configuration: configuration, clock: clock)
        self.server = server
        serving = Task { try await server.run() }
        return server.port
    }

    override func tearDown() async throws {
        server?.shutdown()
        _ = try? await serving?.value
    }

    func testTheDefaultsAreTenSecondsSixtySecondsAndAThousandTwentyFourConnections() {
        let configuration = GatewayServerConfiguration()
        XCTAssertEqual(configuration.headerReadTimeout, 10)
        XCTAssertEqual(configuration.idleTimeout, 60)
        XCTAssertEqual(configuration.maxConnections, 1024)
    }

    func testARequestHeadThatNeverCompletesIsClosedAfterTheHeaderTimeout() async throws {
        let port = try await start(headerTimeout: 0.3)
        let silent = try HTTPTestClient(port: port, readTimeout: 5)
        let halfSent = try HTTPTestClient(port: port, readTimeout: 5)
        halfSent.sendRaw("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
        XCTAssertTrue(silent.waitForClose().closed, "a connection that sends nothing stays open")
        XCTAssertTrue(halfSent.waitForClose().closed, "a half-sent request head stays open")
    }

    func testARequestBodyThatNeverCompletesIsClosedAfterTheHeaderTimeout() async throws {
        let port = try await start(headerTimeout: 0.3)
        let client = try HTTPTestClient(port: port, readTimeout: 5)
        client.sendRaw(
            "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n{\"model\":")
        XCTAssertTrue(client.waitForClose().closed, "a trickled body holds the connection")
    }

    func testAnIdleKeepAliveConnectionIsClosedAfterTheIdleTimeout() async throws {
        let port = try await start(idleTimeout: 0.3)
        let client = try HTTPTestClient(port: port, readTimeout: 5)
        client.sendRaw("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        let (closed, received) = client.waitForClose()
        XCTAssertTrue(received.hasPrefix("HTTP/1.1 200"), received)
        XCTAssertTrue(closed, "an idle keep-alive connection stays open")
    }

    func testAConnectionOverTheMaximumIsClosedAtOnce() async throws {
        let port = try await start(maxConnections: 3)
        let held = try (0..<3).map { _ in try HTTPTestClient(port: port, readTimeout: 5) }
        // The server counts a connection once it has accepted it; a request on each proves all three are in.
        for client in held { client.sendRaw("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n") }
        for client in held { XCTAssertTrue(client.read(until: "\"ok\"").contains("200 OK")) }
        let extra = try HTTPTestClient(port: port, readTimeout: 5)
        extra.sendRaw("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        let refused = extra.waitForClose()
        XCTAssertTrue(refused.closed, "a fourth connection was kept")
        XCTAssertEqual(refused.received, "")
        _ = held
    }

    func testHealthzAnswersWhileHundredsOfHalfSentRequestsAreOpen() async throws {
        let port = try await start()
        var halfSent: [HTTPTestClient] = []
        for index in 0..<300 {
            let client = try HTTPTestClient(port: port, readTimeout: 5)
            client.sendRaw("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow-\(index): ")
            halfSent.append(client)
        }
        let health = try HTTPTestClient.request(port: port, "GET", "/healthz")
        XCTAssertEqual(health.status, 200)
        XCTAssertEqual(halfSent.count, 300)
    }
}
