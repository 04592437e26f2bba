import Foundation
import Keyspace
import Labs
import RedisServer
import Semantic

/// What the lab commands of one REPL session share: the learner's in-process keyspace, the TCP
/// server around it, the embedder and the semantic threshold. Used from the REPL's task only.
public final class LabContext {
    /// The learner's keyspace: `redis` runs on it and `redis-server start` serves it.
    public let keyspace: SharedKeyspace
    /// Where `semantic` commands look for MiniLM (`XDG_CACHE_HOME`, `HOME`).
    let environment: [String: String]
    /// `minilm`, `lexical`, or nil for MiniLM when installed and lexical otherwise.
    let modelName: String?
    /// Seed of `run`'s workload and simulated LLM (the same as `archlab run`'s default).
    let seed: UInt64
    /// The similarity at or above which `similar` says HIT (and `serve` hits semantically): the course's default.
    var threshold: Float = LabContext.courseThreshold
    /// Whether the learner pressed Ctrl-C since the last call (clearing it); long commands poll it to stop early.
    let interrupted: @Sendable () -> Bool
    var redisServer: RedisServer?
    var gateway: ServeLabCommands.Running?
    /// Embeddings saved with `embed TEXT --as NAME`, as FLOAT32 blobs: `redis` puts one in place of `$NAME`.
    var vectors: [String: [UInt8]] = [:]
    private var choice: EmbedderChoice?

    public init(
        keyspace: SharedKeyspace = SharedKeyspace(), modelName: String? = nil, seed: UInt64 = 42,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        interrupted: @escaping @Sendable () -> Bool = { false }
    ) {
        self.keyspace = keyspace
        self.interrupted = interrupted
        self.modelName = modelName
        self.seed = seed
        self.environment = environment
    }

    /// The embedder, loaded on first use (MiniLM takes a moment to load).
    func embedderChoice() throws -> EmbedderChoice {
        if let choice { return choice }
        let loaded: EmbedderChoice
        do {
            loaded = try EmbedderChoice(name: modelName, environment: environment)
        } catch {
            throw ReplLabError.invalid("Cannot load the embedder: \(error)")
        }
        choice = loaded
        return loaded
    }

    /// The semantic-cache scenario's default threshold (the course page's value).
    static var courseThreshold: Float {
        let text = (try? ScenarioCatalog.scenario("semantic-cache"))?.parameters.first { $0.name == "threshold" }?
            .defaultValue
        return text.flatMap(Float.init) ?? 0.95
    }

    /// Stops what the session started (the servers); call when the session ends.
    public func shutdown() async {
        await stopGateway()
        guard let server = redisServer else { return }
        redisServer = nil
        try? await server.shutdown()
    }

    /// Closes the gateway's listening socket and waits for its connections to finish.
    func stopGateway() async {
        guard let running = gateway else { return }
        gateway = nil
        running.server.shutdown()
        await running.task.value
    }
}
