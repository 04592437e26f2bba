import Clocks
import Foundation
import Gateway
import Keyspace
import Labs
import RateLimit
import Semantic
import XCTest

@testable import GatewayServer

/// What `POST /v1/chat/completions` accepts, over real sockets: OpenAI's list-of-parts `content` (text parts
/// joined), a clear 400 for other part types and out-of-range numbers, and error paths written as
/// `messages[0].content`.
final class ChatInputTests: XCTestCase {
    private var server: GatewayHTTPServer?
    private var serving: Task<Void, Error>?

    private func start() async throws -> Int {
        let clock = ManualClock(milliseconds: 1_800_000_002_000)
        let gateway = try GatewayFactory.make(
            GatewayFactory.Options(), redis: SharedKeyspace(), embedder: LexicalEmbedder(), llm: SimulatedLLM(seed: 42),
            clock: clock)
        var configuration = GatewayServerConfiguration()
        configuration.port = 0
        configuration.latencyScale = 0.02
        let server = try await GatewayHTTPServer(gateway: gateway, configuration: configuration, clock: clock)
        self.server = server
        serving = Task { try await server.run() }
        return server.port
    }

    override func tearDown() async throws {
        server?.shutdown()
        _ = try? await serving?.value
    }

    private func post(_ port: Int, _ body: String) throws -> HTTPTestClient.Response {
        try HTTPTestClient.request(
            port: port, "POST", "/v1/chat/completions", body: body, headers: ["Authorization": "Bearer t"])
    }

    /// A request body with these `messages` (JSON) and any `extra` fields (JSON members followed by a comma).
    private func body(_ messages: String, _ extra: String = "") -> String {
        #"{"model":"gpt-4o",\#(extra)"messages":\#(messages)}"#
    }

    private func message(_ response: HTTPTestClient.Response) throws -> String {
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(response.body.utf8)) as? [String: Any])
        return try XCTUnwrap((object["error"] as? [String: Any])?["message"] as? String, response.body)
    }

    func testTextPartsAreJoinedIntoThePrompt() async throws {
        let port = try await start()
        let parts = body(
            #"""
            [{"role":"user","content":[{"type":"text","text":"How do I reset "},{"type":"text","text":"my password?"}]}]
            """#)
        let first = try post(port, parts)
        XCTAssertEqual(first.status, 200, first.body)
        let plain = try post(port, body(#"[{"role":"user","content":"How do I reset my password?"}]"#))
        XCTAssertEqual(plain.status, 200, plain.body)
        XCTAssertEqual(plain.header("X-Cache"), "HIT-EXACT", "the parts did not join into the same prompt")
    }

    func testOtherPartTypesAreRefusedWithAClearMessage() async throws {
        let port = try await start()
        let image = body(
            #"""
            [{"role":"user","content":[{"type":"text","text":"What is this?"},
             {"type":"image_url","image_url":{"url":"http://x/y.png"}}]}]
            """#)
        let response = try post(port, image)
        XCTAssertEqual(response.status, 400)
        let expected = "`messages[0].content[1]` is a part of type `image_url`; only `text` parts are supported"
        XCTAssertEqual(try message(response), expected)
    }

    func testOutOfRangeMaxTokensIsNotCalledInvalidJSON() async throws {
        let port = try await start()
        for value in ["1e30", "0", "-3", "2.5", "100001"] {
            let response = try post(port, body(#"[{"role":"user","content":"hi"}]"#, #""max_tokens":\#(value),"#))
            XCTAssertEqual(response.status, 400, value)
            XCTAssertEqual(try message(response), "`max_tokens` must be an integer between 1 and 100000", value)
        }
        let fine = try post(port, body(#"[{"role":"user","content":"hi"}]"#, #""max_tokens":100000,"#))
        XCTAssertEqual(fine.status, 200, fine.body)
    }

    func testErrorPathsUseSubscripts() async throws {
        let port = try await start()
        let response = try post(port, body(#"[{"role":"user","content":"ok"},{"role":"user","content":5}]"#))
        XCTAssertEqual(response.status, 400)
        XCTAssertEqual(try message(response), "field `messages[1].content` has the wrong type")
    }
}
