import Foundation
import NIOCore
import NIOHTTP1

/// Writes one HTTP response: a whole body, or a Server-Sent Events stream event by event.
/// A write to a connection the client closed throws, which is how a disconnect is noticed.
struct ResponseWriter: Sendable {
    let outbound: NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>
    let keepAlive: Bool

    func json(status: HTTPResponseStatus, _ object: [String: Any], headers: HTTPHeaders = [:]) async throws {
        try await send(
            status: status, body: ChatResponse.json(object), contentType: "application/json", headers: headers)
    }

    func text(status: HTTPResponseStatus, _ text: String, contentType: String) async throws {
        try await send(status: status, body: Data(text.utf8), contentType: contentType, headers: [:])
    }

    func send(status: HTTPResponseStatus, body: Data, contentType: String, headers: HTTPHeaders) async throws {
        var all = headers
        all.replaceOrAdd(name: "Content-Type", value: contentType)
        all.replaceOrAdd(name: "Content-Length", value: String(body.count))
        all.replaceOrAdd(name: "Connection", value: keepAlive ? "keep-alive" : "close")
        try await outbound.write(contentsOf: [
            .head(HTTPResponseHead(version: .http1_1, status: status, headers: all)),
            .body(.byteBuffer(ByteBuffer(bytes: body))),
            .end(nil),
        ])
    }

    /// Starts an event stream: chunked, no length, `text/event-stream`.
    func startEvents(headers: HTTPHeaders) async throws {
        var all = headers
        all.replaceOrAdd(name: "Content-Type", value: "text/event-stream")
        all.replaceOrAdd(name: "Cache-Control", value: "no-cache")
        all.replaceOrAdd(name: "Connection", value: keepAlive ? "keep-alive" : "close")
        all.replaceOrAdd(name: "Transfer-Encoding", value: "chunked")
        try await outbound.write(.head(HTTPResponseHead(version: .http1_1, status: .ok, headers: all)))
    }

    /// One `data: …` event.
    func event(_ data: String) async throws {
        try await outbound.write(.body(.byteBuffer(ByteBuffer(string: "data: \(data)\n\n"))))
    }

    /// Several `data: …` events in one write (one flush), as a replayed stream sends them.
    func events(_ data: [String]) async throws {
        try await outbound.write(contentsOf: data.map { .body(.byteBuffer(ByteBuffer(string: "data: \($0)\n\n"))) })
    }

    func endEvents() async throws {
        try await outbound.write(.end(nil))
    }
}
