import Clocks
import Foundation
import Gateway
import GatewayServer
import Labs
import Logging
import REPL
import RateLimit

/// The lesson 8 lab: `serve start|stop|status` runs server.swift over HTTP in the session, with the
/// exact cache in the learner's own keyspace; `fire N` sends requests to it and shows each verdict.
enum ServeLabCommands {
    static let serveUsage =
        """
            serve start [N] [--port P] [--limit \"5 per 10 s\"] [--algorithm A] [--latency-scale X] [--open] | serve \
            stop | serve status
            """
    static let defaultPort = 8080

    /// The gateway server a session runs, and what it was started with.
    struct Running {
        let server: GatewayHTTPServer
        /// The bound port, kept because the server forgets it once closed.
        let port: Int
        let task: Task<Void, Never>
        let step: Int
        /// The limiter the step runs (its own, or `--algorithm`'s), nil before step 5.
        let limiter: LimiterSpec?
        /// The key the server accepts (`fire` sends it), or nil when it serves any key (`--open`).
        let lessonKey: String?
    }

    static func serve(_ context: LabContext) -> ReplCommand {
        ReplCommand(
            name: "serve",
            usage: "serve start [N]|stop|status",
            summary: "Serve server.swift over HTTP: step N, or step 8, the finished server of lesson 8",
            help: """
                `\(serveUsage)`

                Starts the gateway of server.swift step N (1 to 8, default 8; `--step N` works too) on \
                http://127.0.0.1:\(defaultPort), the same server as `archlab serve`. Step 1 sends everything to the \
                model; step 2 adds the exact cache, kept in your session's Redis (`redis KEYS *` shows it); step 3 the \
                semantic cache; step 4 caches streamed answers; steps 5 to 8 put a limit per API key in front \
                (each step's own, 5 per 10 s: step 5 a fixed window, 6 a token bucket, 7 and 8 a sliding window; \
                `--algorithm` picks another), and step 8 adds the RateLimit headers. The start message says what \
                the step has.

                The server accepts one API key, made up at start and shown once (the lesson key): `fire 7` sends it, \
                and a request with any other key, or none, gets 401 (ten a minute per address, then 429). From a shell:

                `curl -i http://127.0.0.1:\(defaultPort)/v1/chat/completions -H 'Authorization: Bearer LESSON-KEY' -d \
                '{"model":"gpt-4o","messages":[{"role":"user","content":"How do I reset my password?"}]}'`

                `--open` serves any key instead, each with a limit of its own, as `archlab serve` without `--keys` \
                does. \
                `--port 0` picks a free port; `--latency-scale 0.1` makes the simulated model ten times faster.
                """,
            completer: { _, previous in
                if previous.isEmpty { return ["start", "stop", "status"] }
                if previous.last == "--algorithm" { return LimiterSpec.algorithms }
                if previous.last == "--step" { return (1...8).map(String.init) }
                guard previous.first == "start" else { return [] }
                let flags = ["--port", "--limit", "--algorithm", "--latency-scale", "--open"]
                return previous.count == 1 ? (1...8).map(String.init) + flags : flags
            },
            handler: { session, arguments in
                let words = try QuotedArguments.split(arguments.rest, inWordQuotes: true)
                switch words.first {
                case "start": try await start(session, context, Array(words.dropFirst()))
                case "stop" where words.count == 1: await stop(session, context)
                case "status" where words.count == 1:
                    if let running = context.gateway {
                        session.sayWrapped(
                            """
                                serving server.swift step \(running.step) on http://127.0.0.1:\(running.port): \
                                \(contents(step: running.step, limiter: running.limiter)).
                                """
                        )
                    } else {
                        session.say("The gateway is not running; `serve start` starts step 8, `serve start N` step N.")
                    }
                default: throw ReplLabError.usage(serveUsage)
                }
                return .succeeded
            })
    }

    private static func start(_ session: ReplSession, _ context: LabContext, _ words: [String]) async throws {
        if let running = context.gateway {
            session.say(
                """
                    Already serving step \(running.step) on http://127.0.0.1:\(running.port); `serve stop` first to \
                    change it.
                    """
            )
            return
        }
        let flags = try FlagParser(
            words, known: ["step", "port", "limit", "algorithm", "latency-scale"], switches: ["open"], usage: serveUsage
        )
        guard flags.positionals.count <= 1, flags.positionals.isEmpty || flags["step"] == nil else {
            throw ReplLabError.usage(serveUsage)
        }
        var options = GatewayFactory.Options()
        options.step = try flags.int("step", in: 1...8) ?? 8
        if let word = flags.positionals.first {
            guard let step = Int(word), ServerSwift.steps.contains(step) else {
                throw ReplLabError.invalid("`\(word)` is not a server.swift step: use 1 to 8. Usage: \(serveUsage)")
            }
            options.step = step
        }
        let port = try flags.int("port", in: 0...65_535) ?? defaultPort
        if let text = flags["latency-scale"] {
            guard let scale = Double(text), (0...100).contains(scale) else {
                throw ReplLabError.invalid("--latency-scale: `\(text)` is not a number from 0 to 100.")
            }
            options.latencyScale = scale
        }
        let rate: LimitRate
        do {
            rate = try LimitRate(parsing: flags["limit"] ?? "5 per 10 s")
        } catch {
            throw ReplLabError.invalid("--limit: \(error)")
        }
        options.limitRate = rate
        if let algorithm = flags["algorithm"] {
            do {
                options.limiter = try LimiterSpec(algorithm: algorithm, rate: rate)
            } catch {
                throw ReplLabError.invalid("--algorithm: \(error)")
            }
        }
        options.threshold = Double(context.threshold)
        // The kernel's cached tick (see GatewayFactory.make) for the limiter and the responses alike.
        let clock = CoarseSystemClock()
        let gateway: Gateway
        do {
            gateway = try GatewayFactory.make(
                options, redis: context.keyspace, embedder: try context.embedderChoice().embedder,
                llm: SimulatedLLM(seed: 42), clock: clock)
        } catch let error as ReplLabError {
            throw error
        } catch {
            throw ReplLabError.invalid("Cannot build the gateway: \(error)")
        }
        var configuration = GatewayServerConfiguration()
        let lessonKey = flags.has("open") ? nil : Self.lessonKey(session)
        if let lessonKey {
            configuration.keyGate = try APIKeyGate(
                keyring: APIKeyring([APIKey(name: "learner", key: lessonKey)]),
                unauthenticatedLimit: LimitRate(parsing: APIKeyGate.defaultUnauthenticatedLimit), clock: clock)
        }
        configuration.port = port
        configuration.latencyScale = options.latencyScale
        var logger = Logger(label: "archlab.repl.serve")
        logger.logLevel = .error
        let server: GatewayHTTPServer
        do {
            server = try await GatewayHTTPServer(
                gateway: gateway, configuration: configuration, clock: clock, logger: logger)
        } catch {
            let reason = (error as? ListenError)?.explanation ?? "\(error)"
            throw ReplLabError.invalid(
                "Cannot listen on 127.0.0.1:\(port): \(reason) (`serve start --port 0` picks a free port).")
        }
        let task = Task.detached { _ = try? await server.run() }
        let limiter = gateway.limiter
        context.gateway = Running(
            server: server, port: server.port, task: task, step: options.step, limiter: limiter, lessonKey: lessonKey)
        let which =
            flags["step"] == nil && flags.positionals.isEmpty
            ? " (the finished server of lesson 8; `serve start N` serves step N)" : ""
        let next = options.step < 5 ? "fire 3" : lessonKey == nil ? "fire 7 --key bot" : "fire 7"
        session.sayWrapped(
            """
                Serving server.swift step \(options.step)\(which) on http://127.0.0.1:\(server.port): \
                \(contents(step: options.step, limiter: limiter)). Try `\(next)`.
                """
        )
        if let lessonKey {
            session.sayWrapped(
                """
                    Lesson key (shown once): \(lessonKey). `fire` sends it; any other key gets 401 (`fire 3 --key \
                    guess`), 
                    """
                    + "and `serve start --open` serves any key.")
        }
    }

    /// A key made from the session's seeded generator: random to the learner, reproducible in a script.
    static func lessonKey(_ session: ReplSession) -> String {
        let hex = (0..<2).map { _ in
            let text = String(session.nextRandomNumber(), radix: 16)
            return String(repeating: "0", count: 16 - text.count) + text
        }
        return "sk-lesson-" + hex.joined()
    }

    /// What the gateway of `step` does to a request, in order, as `ServerSwift` builds it.
    static func contents(step: Int, limiter: LimiterSpec?) -> String {
        switch step {
        case ...1: return "no cache and no rate limit, every request goes to the model"
        case 2: return "the exact cache, in your Redis; no rate limit"
        case 3:
            return
                """
                    the exact cache, in your Redis, then the semantic cache (streamed answers are not cached); no rate \
                    limit
                    """
        case 4: return "the exact and semantic caches, streamed answers cached too; no rate limit"
        default:
            let limit = limiter.map { "a limit of \($0.rate) per API key (\($0.algorithm))" } ?? "no rate limit"
            return "\(limit), then the exact and semantic caches, streamed answers cached too"
        }
    }

    static func stop(_ session: ReplSession, _ context: LabContext) async {
        guard let running = context.gateway else {
            session.say("The gateway is not running.")
            return
        }
        await context.stopGateway()
        session.say(
            "Stopped the gateway on port \(running.port). Its cached answers stay in your Redis (`redis KEYS *`).")
    }
}
