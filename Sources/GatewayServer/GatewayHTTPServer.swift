import Clocks
import Foundation
import Gateway
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix

/// How `archlab serve` runs: where it listens, the largest body it reads, how slow the LLM is.
public struct GatewayServerConfiguration: Sendable {
    public var host: String = "127.0.0.1"
    public var port: Int = 8080
    /// Bodies over this many bytes get 413.
    public var maxBodyBytes: Int = 64 * 1024
    /// Multiplies the simulated LLM's delays (1 = under 300 ms to the first token, under 2 s in all).
    public var latencyScale: Double = 1
    /// Seconds a client has to send a whole request, head and body (from connecting, or from the first byte of a
    /// request on a kept-alive connection); a connection still sending its request then is closed.
    public var headerReadTimeout: Double = 10
    /// Seconds a kept-alive connection may wait for its next request before it is closed.
    public var idleTimeout: Double = 60
    /// Most connections open at once; the next one is closed as soon as it is accepted.
    public var maxConnections: Int = 1024
    /// Checks API keys before any other work (`serve --keys`); nil serves every caller (open).
    public var keyGate: APIKeyGate?
    /// Proxies whose `X-Forwarded-For` the key gate believes when counting unauthenticated requests per client
    /// (`serve --trusted-proxy`); give the gateway's identify stage the same set. None by default.
    public var trustedProxies: Set<String> = []
    /// Reads the caches' size and evictions for `/metrics` (`archlab_cache_bytes`,
    /// `archlab_cache_evictions_total`); nil when the caches are not in this process.
    public var cacheMemory: (@Sendable () -> CacheMemoryUsage)?
    /// The shared server's failures for `/metrics` (`archlab_shared_state_failures_total`), with `--redis-url`.
    public var sharedFailures: SharedStateFailures?

    public init() {}
}

/// `server.swift` over HTTP: an OpenAI-compatible `POST /v1/chat/completions` (JSON or
/// Server-Sent Events), `GET /healthz` and `GET /metrics`, in front of a ``Gateway``.
public final class GatewayHTTPServer: Sendable {
    typealias Connection = NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>

    private let gateway: Gateway
    private let configuration: GatewayServerConfiguration
    private let server: NIOAsyncChannel<Connection, Never>
    let metrics: GatewayMetrics
    private let logger: Logger
    private let responder: ChatResponder

    /// Binds the socket (a ``ListenError`` names the address when it cannot); call ``run()`` to serve. The
    /// bound port is in ``port`` (useful with port 0).
    /// `clock` stamps requests and rate-limit headers; pass the one the gateway's limiter reads.
    public init(
        gateway: Gateway, configuration: GatewayServerConfiguration, clock: any WallClock,
        logger: Logger = Logger(label: "archlab.serve")
    ) async throws {
        self.gateway = gateway
        self.configuration = configuration
        self.logger = logger
        let metrics = GatewayMetrics(
            cacheMemory: configuration.cacheMemory, sharedFailures: configuration.sharedFailures)
        self.metrics = metrics
        self.responder = ChatResponder(
            gateway: gateway, latencyScale: configuration.latencyScale, metrics: metrics, clock: clock,
            keyGate: configuration.keyGate, trustedProxies: configuration.trustedProxies)
        let connections = ConnectionCount(maximum: configuration.maxConnections)
        let headerTimeout = configuration.headerReadTimeout
        let idleTimeout = configuration.idleTimeout
        do {
            server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .serverChannelOption(.backlog, value: 256)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .bind(host: configuration.host, port: configuration.port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        let pipeline = channel.pipeline.syncOperations
                        if connections.admit() {
                            channel.closeFuture.whenComplete { _ in connections.release() }
                            let deadlines = ConnectionDeadlines(headerTimeout: headerTimeout, idleTimeout: idleTimeout)
                            try pipeline.addHandler(RequestBytesWatcher(deadlines))
                            try pipeline.configureHTTPServerPipeline(withErrorHandling: true)
                            try pipeline.addHandler(RequestProgressWatcher(deadlines))
                        } else {
                            // Over --max-connections: closed as soon as it is active, never read.
                            try pipeline.addHandler(RefusedConnectionCloser())
                            try pipeline.configureHTTPServerPipeline(withErrorHandling: true)
                        }
                        return try Connection(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            throw ListenError(host: configuration.host, port: configuration.port, underlying: error)
        }
    }

    /// The port the server listens on.
    public var port: Int {
        server.channel.localAddress?.port ?? configuration.port
    }

    /// Serves connections until ``shutdown()`` closes the listening socket.
    public func run() async throws {
        try await withThrowingDiscardingTaskGroup { group in
            try await server.executeThenClose { connections in
                for try await connection in connections {
                    group.addTask { await self.serve(connection) }
                }
            }
        }
    }

    /// Stops accepting connections; ``run()`` returns once open ones finish.
    public func shutdown() {
        server.channel.close(promise: nil)
    }

    private func serve(_ connection: Connection) async {
        let peer = connection.channel.remoteAddress?.ipAddress ?? "unknown"
        do {
            try await connection.executeThenClose { inbound, outbound in
                var head: HTTPRequestHead?
                var body = ByteBuffer()
                var oversized = false
                for try await part in inbound {
                    switch part {
                    case .head(let requestHead):
                        head = requestHead
                        body.clear()
                        let declared = requestHead.headers.first(name: "content-length").flatMap(Int.init) ?? 0
                        oversized = declared > configuration.maxBodyBytes
                    case .body(var chunk):
                        if body.readableBytes + chunk.readableBytes > configuration.maxBodyBytes {
                            oversized = true
                        } else {
                            body.writeBuffer(&chunk)
                        }
                    case .end:
                        guard let requestHead = head else { continue }
                        let writer = ResponseWriter(
                            outbound: outbound, keepAlive: requestHead.isKeepAlive && !oversized)
                        if oversized {
                            metrics.recordBadRequest()
                            try await writer.json(
                                status: .payloadTooLarge,
                                ChatResponse.error(
                                    "request body over \(configuration.maxBodyBytes) bytes",
                                    type: "invalid_request_error",
                                    code: "request_too_large"))
                            return
                        }
                        try await route(requestHead, body: body, peer: peer, writer: writer)
                        if !requestHead.isKeepAlive { return }
                        head = nil
                    }
                }
            }
        } catch {
            logger.debug("connection from \(peer) ended: \(error)")
        }
    }

    private func route(_ head: HTTPRequestHead, body: ByteBuffer, peer: String, writer: ResponseWriter) async throws {
        let path = head.uri.split(separator: "?", maxSplits: 1).first.map(String.init) ?? head.uri
        switch (head.method, path) {
        case (.GET, "/healthz"):
            try await writer.json(status: .ok, ["status": "ok"])
        case (.GET, "/metrics"):
            try await writer.text(status: .ok, metrics.text(), contentType: "text/plain; version=0.0.4")
        case (.POST, "/v1/chat/completions"):
            try await responder.respond(head: head, body: body, peer: peer, writer: writer)
        case (_, "/healthz"), (_, "/metrics"), (_, "/v1/chat/completions"):
            try await writer.json(
                status: .methodNotAllowed,
                ChatResponse.error(
                    "method \(head.method.rawValue) is not allowed on \(path)", type: "invalid_request_error", code: nil
                ))
        default:
            try await writer.json(
                status: .notFound,
                ChatResponse.error("no route \(path)", type: "invalid_request_error", code: "not_found"))
        }
    }
}
