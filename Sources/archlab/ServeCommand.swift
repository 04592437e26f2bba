import ArgumentParser
import Clocks
import Foundation
import Gateway
import GatewayServer
import Keyspace
import Labs
import Logging
import RESP
import RateLimit
import RedisServer
import Semantic

/// `archlab serve`: the step's server.swift as a real HTTP service on the simulated LLM.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract:
            """
                Serve a step of server.swift over HTTP: OpenAI-compatible chat completions that cache, stream and \
                answer 429.
                """,
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

    @Option(
        name: .customLong("redis-url"),
        help: """
            Keep the exact cache, the rate limiter and (with vector search) the semantic cache on this RESP server, \
            shared by every gateway that uses it.
            """)
    var redisURL: String?

    @Flag(
        name: .customLong("limiter-fail-open"),
        help: "With --redis-url: let requests through when the limiter's server is unreachable (default: refuse, 429).")
    var limiterFailOpen = false

    @Option(help: "Embedder of the semantic cache: minilm or lexical (default: minilm when installed, else lexical).")
    var model: String?

    @Option(help: "Requests allowed per caller, as N per DURATION.")
    var limit = "5 per 10 s"

    @Option(
        help: """
            Limiter: fixed-window, sliding-window, sliding-log, token-bucket, continuous-bucket or gcra (default: the \
            step's own: 5 fixed-window, 6 token-bucket, 7 and 8 sliding-window).
            """)
    var algorithm: String?

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

    @Option(
        help: ArgumentHelp(
            "Serve only the API keys in this TOML file of [[key]] tables (mode 600); without it, any Bearer string.",
            valueName: "file"))
    var keys: String?

    @Option(
        name: .customLong("unauthenticated-limit"),
        help: "With --keys: requests with a missing or unknown key allowed per client address, as N per DURATION.")
    var unauthenticatedLimit = APIKeyGate.defaultUnauthenticatedLimit

    @Option(
        name: .customLong("cache-memory"),
        help: "Bytes the in-process exact and semantic caches hold together (64mb, 512kb, 1gb); LRU eviction beyond.")
    var cacheMemory = "64mb"

    @Option(
        name: .customLong("trusted-proxy"),
        help: ArgumentHelp(
            """
                A proxy in front of this server (repeatable): only a request from one of these addresses may name \
                its client in X-Forwarded-For. Default: none, the header is ignored.
                """,
            valueName: "address"))
    var trustedProxies: [String] = []

    @Option(
        name: .customLong("tenant-in-key"),
        help: """
            Put each key's tenant in the exact cache's key (default true). false shows the security lab's \
            cross-tenant leak: one tenant's cached answer served to another.
            """)
    var tenantInKey = true

    func validate() throws {
        guard maxConnections >= 1 else { throw ValidationError("--max-connections must be at least 1") }
        guard headerTimeout > 0, idleTimeout > 0 else { throw ValidationError("timeouts must be greater than 0") }
        guard (1...8).contains(step) else { throw ValidationError("--step must be between 1 and 8") }
        guard latencyScale >= 0, latencyScale <= 100 else {
            throw ValidationError("--latency-scale must be between 0 and 100")
        }
        guard (-1...1).contains(threshold) else { throw ValidationError("--threshold must be between -1 and 1") }
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        for proxy in trustedProxies where proxy.isEmpty || proxy.contains(where: { $0 == "," || $0.isWhitespace }) {
            throw ValidationError("--trusted-proxy takes one address, such as 10.0.0.2, not '\(proxy)'")
        }
        guard !limiterFailOpen || redisURL != nil else {
            throw ValidationError("--limiter-fail-open needs --redis-url: an in-process limiter cannot be unreachable")
        }
        guard let bytes = parseMemoryValue(cacheMemory) else {
            throw ValidationError("--cache-memory must be a size such as 64mb, 512kb or 1gb, not '\(cacheMemory)'")
        }
        // Below this the exact cache's own hash table would not fit, and the budget could not be kept.
        guard bytes >= 256 * 1024 else { throw ValidationError("--cache-memory must be at least 256kb") }
        guard (try? LimitRate(parsing: unauthenticatedLimit)) != nil else {
            throw ValidationError(
                "--unauthenticated-limit must be a rate such as \"10 per 60 s\", not '\(unauthenticatedLimit)'")
        }
    }

    /// The simulated model; when keys name tenants, each answer opens with the caller's tenant, as an answer
    /// from that customer's documents would, so a leaked answer shows whose it was.
    static func llm(_ issued: [APIKey]?) -> SimulatedLLM {
        var profile = LLMProfile()
        profile.namesTenant = issued?.contains { $0.tenant != nil } ?? false
        return SimulatedLLM(profile: profile, seed: 42)
    }

    func run() async throws {
        let logger = Logger(label: "archlab.serve")
        let issued: [APIKey]?
        do {
            issued = try keys.map { path throws(ServeKeysError) in try ServeKeysFile.load(path) }
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitCode(2)
        }
        do {
            var options = GatewayFactory.Options()
            options.step = step
            options.threshold = threshold
            options.latencyScale = latencyScale
            options.trustedProxies = Set(trustedProxies)
            options.cachePolicy.tenantInKey = tenantInKey
            options.limitRate = try LimitRate(parsing: limit)
            if let algorithm {
                options.limiter = try LimiterSpec(algorithm: algorithm, rate: LimitRate(parsing: limit))
            }
            for key in issued ?? [] {
                if let own = key.limit { options.keyLimits[key.name] = own }
            }
            let budget = CacheMemoryBudget(
                bytes: parseMemoryValue(cacheMemory) ?? CacheMemoryBudget.defaultBytes, semanticCache: step >= 3)
            options.semanticCacheBytes = budget.semanticBytes
            let choice = try SemanticCLI.embedder(model)
            let local = redisURL == nil ? Self.exactCache(budget: budget.exactBytes) : nil
            var redis: any RESPCommandSender = local?.keyspace ?? SharedKeyspace()
            if let redisURL {
                let shared = try await Self.sharedState(
                    redisURL, embedder: step >= 3 ? choice.embedder : nil, failOpen: limiterFailOpen)
                options.shared = shared
                redis = RESPPooledSender(shared.connections)
            }
            // The kernel's cached tick (see GatewayFactory.make) for the limiter and the responses alike.
            let clock = CoarseSystemClock()
            let semantic = GatewayFactory.semanticCache(options, embedder: choice.embedder)
            let gateway = try GatewayFactory.make(
                options, redis: redis, semanticCache: semantic, llm: Self.llm(issued), clock: clock)
            var configuration = GatewayServerConfiguration()
            configuration.host = bind
            configuration.port = port
            configuration.latencyScale = latencyScale
            configuration.maxConnections = maxConnections
            configuration.headerReadTimeout = headerTimeout
            configuration.idleTimeout = idleTimeout
            configuration.trustedProxies = Set(trustedProxies)
            if let issued {
                configuration.keyGate = try APIKeyGate(
                    keyring: APIKeyring(issued), unauthenticatedLimit: LimitRate(parsing: unauthenticatedLimit),
                    clock: clock)
            }
            configuration.cacheMemory = Self.usage(exact: local?.cache, semantic: semantic)
            configuration.sharedFailures = options.shared?.failures
            let server = try await GatewayHTTPServer(
                gateway: gateway, configuration: configuration, clock: clock, logger: logger)
            if issued == nil {
                FileHandle.standardError.write(Data((Self.openWarning + "\n").utf8))
            }
            logger.info(
                """
                serving server.swift step \(step) on http://\(bind):\(server.port) (\(Self.limitDescription(gateway)); \
                embedder \(choice.embedder.name); \(Self.access(issued)); cache memory \(cacheMemory)\
                \(Self.sharing(options.shared)))
                """)
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
            let hint =
                error.isAddressInUse
                ? " (pick another with --port, e.g. --port 8081, or --port 0 for any free port)" : ""
            FileHandle.standardError.write(Data("error: \(error)\(hint)\n".utf8))
            throw ExitCode(1)
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }

    /// The state the gateways on `url` share: a pool of 8 connections (the first opened now, so a
    /// wrong URL fails at start), and the semantic index when the server has vector search; without
    /// it, one warning line and the semantic cache stays in this process.
    static func sharedState(_ url: String, embedder: (any Embedder)?, failOpen: Bool) async throws -> SharedState {
        let pool = RESPConnectionPool(maximumConnections: 8) { try await RESPClient.connect(to: url) }
        var shared = SharedState(connections: pool, limiterFailsOpen: failOpen)
        let sender = RESPPooledSender(pool)
        guard let embedder else {
            _ = try await sender.send(["PING"])
            return shared
        }
        switch try await SharedSemanticIndex.prepare(on: sender, embedder: embedder.name, dimension: embedder.dimension)
        {
        case .ready(let index):
            shared.semanticIndex = index
        case .unsupported(let reason):
            let firstLine = reason.split(separator: "\n").first.map(String.init) ?? reason
            FileHandle.standardError.write(
                Data(
                    """
                    warning: \(url) has no vector search (\(firstLine)); the semantic cache stays in this process, \
                    not shared
                    """.utf8 + [0x0A]))
        }
        return shared
    }

    /// What the start line says of `--redis-url`: nothing without it.
    static func sharing(_ shared: SharedState?) -> String {
        guard let shared else { return "" }
        let semantic = shared.semanticIndex == nil ? "in process" : "shared"
        return "; shared through --redis-url: limiter fails \(shared.limiterFailsOpen ? "open" : "closed"), "
            + "semantic cache \(semantic)"
    }

    /// Who may call, for the start line: `2 API keys`, or `open to any key`.
    /// The limit the gateway runs, for the start line: `limit 5 per 10 s, sliding-window`.
    static func limitDescription(_ gateway: Gateway) -> String {
        gateway.limiter.map { "limit \($0.rate), \($0.algorithm)" } ?? "no rate limit"
    }

    static func access(_ keys: [APIKey]?) -> String {
        guard let keys else { return "open to any key" }
        return "\(keys.count) API key\(keys.count == 1 ? "" : "s")"
    }

    /// Printed once at start when serving without `--keys`.
    static let openWarning =
        "warning: serving without --keys: any Authorization: Bearer string is accepted as a caller's identity, "
        + "so anyone can mint a fresh rate limit; use --keys FILE to serve only issued keys"

    /// The in-process exact cache: a Keyspace whose data may take `budget` bytes (`maxmemory` is that
    /// plus what the empty keyspace already reports), evicting the least recently used keys beyond it.
    static func exactCache(budget: Int) -> (keyspace: SharedKeyspace, cache: ExactCacheMemory) {
        let keyspace = SharedKeyspace()
        let empty = keyspace.withKeyspace { $0.usedMemoryBytes }
        _ = keyspace.executeRaw([
            "CONFIG", "SET", "maxmemory", String(empty + budget), "maxmemory-policy", "allkeys-lru",
        ])
        return (keyspace, ExactCacheMemory(keyspace: keyspace, emptyBytes: empty))
    }

    /// What `/metrics` reports of the caches in this process.
    static func usage(exact: ExactCacheMemory?, semantic: SemanticCache?) -> @Sendable () -> CacheMemoryUsage {
        {
            let exactUsage = exact?.usage ?? CacheMemoryUsage(bytes: 0, evictions: 0)
            return CacheMemoryUsage(
                bytes: exactUsage.bytes + (semantic?.byteCount ?? 0),
                evictions: exactUsage.evictions + (semantic?.stats.evictions ?? 0))
        }
    }
}

/// The in-process exact cache's share of the budget: bytes over the empty keyspace, keys evicted.
struct ExactCacheMemory: Sendable {
    let keyspace: SharedKeyspace
    let emptyBytes: Int

    var usage: CacheMemoryUsage {
        keyspace.withKeyspace {
            CacheMemoryUsage(bytes: max(0, $0.usedMemoryBytes - emptyBytes), evictions: $0.evictedKeyCount)
        }
    }
}
