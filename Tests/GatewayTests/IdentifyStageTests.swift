import Gateway
import XCTest

/// Who the identify stage says is calling: the key first, then the peer, and X-Forwarded-For only through a
/// trusted proxy.
final class IdentifyStageTests: XCTestCase {
    private func caller(
        key: String? = nil, peer: String, forwardedFor: String?, trusted: Set<String>
    ) async throws -> String {
        var request = GatewayRequest(
            request: LLMRequest(prompt: "hi"), apiKey: key, clientAddress: peer, stream: false, atMs: 0)
        request.forwardedFor = forwardedFor
        let seen = SeenCaller()
        _ = try await IdentifyStage(trustedProxies: trusted).handle(request) { identified in
            await seen.set(identified.callerID)
            return GatewayResult(outcome: .miss, status: 200, text: "", latencyMs: 0)
        }
        return await seen.value
    }

    func testTheKeyWinsOverAnyAddress() async throws {
        let id = try await caller(key: "sk-1", peer: "10.0.0.1", forwardedFor: "1.2.3.4", trusted: ["10.0.0.1"])
        XCTAssertEqual(id, "key:sk-1")
    }

    func testAnEmptyKeyFallsBackToTheAddress() async throws {
        let id = try await caller(key: "", peer: "192.0.2.5", forwardedFor: nil, trusted: [])
        XCTAssertEqual(id, "ip:192.0.2.5")
    }

    func testForwardedForFromAnUntrustedPeerIsIgnored() async throws {
        let id = try await caller(peer: "192.0.2.5", forwardedFor: "1.2.3.4", trusted: ["10.0.0.1"])
        XCTAssertEqual(id, "ip:192.0.2.5")
    }

    func testTheRightMostEntryThatIsNotAProxyIsTheClient() {
        let trusted: Set<String> = ["10.0.0.1", "10.0.0.2"]
        let cases: [(String?, String)] = [
            ("6.6.6.6, 203.0.113.9", "203.0.113.9"),
            ("6.6.6.6,203.0.113.9 , 10.0.0.2", "203.0.113.9"),
            (" 203.0.113.9\t", "203.0.113.9"),
            ("203.0.113.9, , 10.0.0.2,", "203.0.113.9"),
            ("10.0.0.2, 10.0.0.1", "10.0.0.1"),
            ("", "10.0.0.1"),
            (nil, "10.0.0.1"),
        ]
        for (header, expected) in cases {
            XCTAssertEqual(
                IdentifyStage.clientAddress(peer: "10.0.0.1", forwardedFor: header, trustedProxies: trusted), expected,
                "X-Forwarded-For: \(header ?? "(none)")")
        }
    }
}

private actor SeenCaller {
    var value = ""
    func set(_ id: String) { value = id }
}
