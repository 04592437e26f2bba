import Gateway
import ArgumentParser
import Clocks
import Foundation
import GatewayServer
import Keyspace
import Labs
import Logging
import RESP
import RateLimit
import RedisServer

/// `archlab serve`: the step's server.swift as a real HTTP service on the simulated LLM.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve a step of server.swift over HTTP: OpenAI-compatible chat completions that cache, stream and answer 429.",
        discussion: """
            Try: curl -s localhost:8080/v1/chat/completions -H 'Authorization: Bearer demo' \\
                   -d '{"model":"gpt-4o","messages":[{"role":"user","content":"How do I reset my password?"}]}' -i
            """
    )

    @Option(help: "The server.swift step, 1 to 8.")
    var step = 8

    @Option(help: "TCP port.")
    var port = 8080

    @Option(help: "Address to listen on (loopback by default).")
    var bind = "127.0.0.1"

    @Option(name: .customLong("redis-url"), help: "Keep the exact cache on this RESP server instead of in-process.")
    var redisURL: String?

    @Option(help: "Embedder of the semantic cache: minilm or lexical (default: minilm when installed, else lexical).")
    var model: String?

    @Option(help: "Requests allowed per caller, as N per DURATION.")
    var limit = "5 per 10 s"

    @Option(help: "Limiter: fixed-window, sliding-window, sliding-log, token-bucket, continuous-bucket or gcra.")
    var algorithm = "sliding-window"

    @Option(help: "Cosine similarity needed for a semantic hit.")
    var threshold = 0.95

    @Option(name: .customLong("latency-scale"), help: "Multiply the simulated LLM's delays (0.1 = ten times faster).")
    var latencyScale = 1.0

    @Option(
        name: .customLong("max-connections"), help: "Most connections open at once; the next one is closed at once.")
    var maxConnections = 1024

    @Option(name: .customLong("header-timeout"), help: .hidden)
    var headerTimeout = 10.0

    @Option(name: .customLong("idle-timeout"), help: .hidden)
    var idleTimeout = 60.0

    func validate() throws {
        guard maxConnections >= 1 else { throw ValidationError("--max-connections must be at least 1") }
        guard headerTimeout > 0, idleTimeout > 0 else { throw ValidationError("timeouts must be greater than 0") }
        guard (1...8).contains(step) else { throw ValidationError("--step must be between 1 and 8") }
        guard latencyScale >= 0, latencyScale <= 100 else { throw ValidationError("--latency-scale must be between 0 and 100") }
        guard (-1...1).contains(threshold) else { throw ValidationError("--threshold must be between -1 and 1") }
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
    }

    func run() async throws {
        let logger = Logger(label: "archlab.serve")
        do {
            var options = GatewayFactory.Options()
            options.step = step
            options.threshold = threshold
            options.latencyScale = latencyScale
            options.limiter = try LimiterSpec(algorithm: algorithm, rate: LimitRate(parsing: limit))
            let choice = try SemanticCLI.embedder(model)
            let redis: any RESPCommandSender =
                if let redisURL { try await RESPClient.connect(to: redisURL) } else { SharedKeyspace() }
            // The kernel's cached tick (see GatewayFactory.make) for the limiter and the responses alike.
            let clock = CoarseSystemClock()
            let gateway = try GatewayFactory.make(
                options, redis: redis, embedder: choice.embedder, llm: SimulatedLLM(seed: 42), clock: clock)
            var configuration = GatewayServerConfiguration()
            configuration.host = bind
            configuration.port = port
            configuration.latencyScale = latencyScale
            configuration.maxConnections = maxConnections
            configuration.headerReadTimeout = headerTimeout
            configuration.idleTimeout = idleTimeout
            let server = try await GatewayHTTPServer(
                gateway: gateway, configuration: configuration, clock: clock, logger: logger)
            logger.info(
                "serving server.swift step \(step) on http://\(bind):\(server.port) (limit \(limit), \(algorithm); embedder \(choice.embedder.name))")
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await server.run() }
                group.addTask {
                    let signal = await Signals.waitForTermination()
                    logger.info("received \(signal), shutting down")
                    server.shutdown()
                }
                try await group.next()
                group.cancelAll()
            }
            logger.info("stopped")
        } catch let error as ValidationError {
            throw error
        } catch let error as ListenError {
            let hint = error.isAddressInUse ? " (pick another with --port, e.g. --port 8081, or --port 0 for any free port)" : ""
            FileHandle.standardError.write(Data("error: \(error)\(hint)\n".utf8))
            throw ExitCode(1)
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}
