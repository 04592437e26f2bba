import Gateway

/// The scenarios that ship with the course, one per lesson at least.
public enum ScenarioCatalog {
    public static let all: [Scenario] = [
        baseline, exactCache, semanticCache, streaming, abuse, tokenBucket, windows, production, security,
    ]

    public static var ids: [String] { all.map(\.id) }

    public static func scenario(_ id: String) throws -> Scenario {
        guard let found = all.first(where: { $0.id == id }) else {
            throw LabError.unknownScenario(id, known: ids)
        }
        return found
    }

    private static func p(_ name: String, _ value: String, _ help: String) -> ScenarioParameter {
        ScenarioParameter(name: name, defaultValue: value, help: help)
    }

    private static func users(_ values: ScenarioValues) throws -> WorkloadSpec {
        var spec = WorkloadSpec()
        spec.userRequests = try values.int("requests", in: 1...1_000_000)
        if values.values["zipf"] != nil { spec.zipfExponent = try values.double("zipf", in: 0...3) }
        if values.values["paraphrase"] != nil { spec.paraphraseShare = try values.double("paraphrase", in: 0...1) }
        if values.values["tenants"] != nil { spec.tenants = try values.int("tenants", in: 1...100) }
        return spec
    }

    static let baseline = Scenario(
        id: "baseline", lesson: "cost-of-every-call", title: "Step 1: every call goes to the model",
        summary:
            """
                Without a cache every request is paid for, repeats included: on the support workload most of the bill \
                is questions that were already answered.
                """,
        parameters: [
            p("requests", "2000", "user requests over 10 minutes"),
            p("zipf", "1.1", "how much a few questions dominate (0 = all equally common)"),
            p("price_in", "0.0025", "dollars per 1,000 input tokens"),
            p("price_out", "0.010", "dollars per 1,000 output tokens"),
        ],
        configure: { values in
            var setup = ScenarioSetup(step: 1, workload: try users(values))
            let input = try values.double("price_in", in: 0...10)
            let output = try values.double("price_out", in: 0...10)
            if input != PriceList.gpt4o.inputPer1K || output != PriceList.gpt4o.outputPer1K {
                setup.llm.prices = PriceList(
                    source: "custom prices from the scenario parameters", inputPer1K: input, outputPer1K: output)
            }
            return setup
        })

    static let exactCache = Scenario(
        id: "exact-cache", lesson: "exact-caching", title: "Step 2: an exact cache in Redis",
        summary:
            """
                Repeated questions are answered from Redis in under a millisecond and cost nothing: on the Zipf-shaped \
                support workload the exact cache cuts the bill by more than half. A shorter TTL or more paraphrasing \
                lowers the hit ratio.
                """,
        parameters: [
            p("requests", "2000", "user requests over 10 minutes"),
            p("ttl", "1h", "how long an answer stays cached (SETEX; a bare number is seconds)"),
            p("zipf", "1.1", "how much a few questions dominate"),
            p("paraphrase", "0.3", "share of requests worded differently from the usual phrasing"),
            p("tenants", "1", "customers whose caches are kept apart"),
        ],
        configure: { values in
            var setup = ScenarioSetup(step: 2, workload: try users(values))
            setup.exactTTLSeconds = Int(max(1, try values.seconds("ttl") / 1000))
            return setup
        })

    static let semanticCache = Scenario(
        id: "semantic-cache", lesson: "semantic-caching", title: "Step 3: a semantic cache behind the exact one",
        summary:
            """
                Users retype the same questions with another ending, a greeting or a thank-you: new strings to the \
                exact cache, the same question to an embedding. The side-by-side shows what the semantic cache adds to \
                the exact cache on the same traffic, and what a low threshold costs: near-misses get each other's \
                answers (at 0.80 enable and disable 2FA share one). The identifier guard only compares prompts that \
                name the same order, invoice or ticket number; set guard=off and MiniLM serves one order's answer to \
                another even at 0.95.
                """,
        parameters: [
            p("requests", "2000", "user requests over 10 minutes"),
            p("threshold", "0.95", "cosine similarity needed for a semantic hit (the course page's 0.95)"),
            p("low_threshold", "0.80", "the low threshold the side-by-side compares with"),
            p("paraphrase", "0.5", "share of requests worded differently"),
            p("reworded", "0.6", "share of repeated questions retyped (another ending, a greeting, a thank-you)"),
            p("ttl", "1h", "how long answers stay cached"),
            p("tenants", "1", "customers whose caches are kept apart"),
            p("guard", "numbers", "numbers: compare only prompts that hold the same identifiers; off: compare all"),
        ],
        configure: { values in
            var setup = ScenarioSetup(step: 3, workload: try users(values))
            setup.workload.rewordShare = try values.double("reworded", in: 0...1)
            setup.comparisonThreshold = try values.double("low_threshold", in: -1...1)
            setup.identifierGuard = try values.identifierGuard("guard")
            let ttl = try values.seconds("ttl") / 1000
            setup.exactTTLSeconds = Int(max(1, ttl))
            setup.semantic = (try values.double("threshold", in: -1...1), Double(max(1, ttl)))
            return setup
        })

    static let streaming = Scenario(
        id: "streaming", lesson: "streaming-responses", title: "Step 4: caching streamed answers",
        summary:
            """
                With accumulate=true the gateway forwards each chunk and keeps a copy, caching the text once the \
                stream completes, so streamed repeats become hits. Aborted streams are never cached. With \
                accumulate=false (step 3) every stream is paid for.
                """,
        parameters: [
            p("requests", "2000", "user requests over 10 minutes"),
            p("stream", "1.0", "share of requests that ask for a stream"),
            p("abort_rate", "0.05", "share of LLM streams that break midway"),
            p("accumulate", "true", "accumulate chunks and cache complete streams (false = step 3 behaviour)"),
        ],
        configure: { values in
            var setup = ScenarioSetup(step: try values.bool("accumulate") ? 4 : 3, workload: try users(values))
            setup.workload.streamShare = try values.double("stream", in: 0...1)
            setup.llm.abortRate = try values.double("abort_rate", in: 0...1)
            return setup
        })

    static let abuse = Scenario(
        id: "abuse", lesson: "why-rate-limit", title: "Step 5: scripts that run up the bill",
        summary:
            """
                Scripts send unique prompts no cache can catch, so every one is billed. A per-key limit (20 per \
                minute) rejects most of their requests before they cost anything, while no normal user is refused. Set \
                limit=none to see the bill without it.
                """,
        parameters: [
            p("requests", "2000", "user requests over 10 minutes"),
            p("scripts", "3", "scripts hammering steadily"),
            p("script_rate", "2", "requests per second per script"),
            p("limit", "20 per 1m", "requests per key per fixed window, or none"),
        ],
        configure: { values in
            var setup = ScenarioSetup(step: 5, workload: try users(values))
            setup.workload.scripts = try values.int("scripts", in: 0...100)
            setup.workload.scriptRatePerSecond = try values.double("script_rate", in: 0.01...1000)
            setup.limiting = try values.limiting(nil, rate: "limit")  // step 5's fixed window
            return setup
        })

    static let tokenBucket = Scenario(
        id: "token-bucket", lesson: "token-bucket", title: "Step 6: a token bucket per API key",
        summary:
            """
                Each key may burst up to the bucket's capacity, then only at the refill rate: of a bot's 40-request \
                burst about 10 pass, while users, who never send more than a few at once, are never refused.
                """,
        parameters: [
            p("requests", "2000", "user requests over 10 minutes"),
            p("bots", "3", "bots that fire bursts"),
            p("burst", "40", "requests in each burst"),
            p("limit", "10 per 1m", "capacity and refill per interval"),
        ],
        configure: { values in
            var setup = ScenarioSetup(step: 6, workload: try users(values))
            setup.workload.burstBots = try values.int("bots", in: 0...100)
            setup.workload.burstSize = try values.int("burst", in: 1...10_000)
            setup.limiting = try values.limiting(nil, rate: "limit")  // step 6's token bucket
            return setup
        })

    static let windows = Scenario(
        id: "windows", lesson: "sliding-windows", title: "Step 7: fixed and sliding windows",
        summary:
            """
                Bots fire half a burst just before a window boundary and half just after. A fixed window admits up to \
                twice its limit in those 200 ms; the sliding window (Ratelimit.slidingWindow(5, '10 s')) weights the \
                previous window and admits far fewer.
                """,
        parameters: [
            p("requests", "2000", "user requests over 10 minutes"),
            p(
                "algorithm", "sliding-window",
                "fixed-window, sliding-window, sliding-log, token-bucket, continuous-bucket or gcra"),
            p("limit", "5 per 10 s", "requests per window"),
            p("bots", "3", "bots that fire bursts across window boundaries"),
            p("burst", "10", "requests in each burst"),
        ],
        configure: { values in
            var setup = ScenarioSetup(step: 7, workload: try users(values))
            setup.workload.burstBots = try values.int("bots", in: 0...100)
            setup.workload.burstSize = try values.int("burst", in: 1...10_000)
            setup.workload.burstsPerBot = 10
            setup.limiting = try values.limiting(values.string("algorithm"), rate: "limit")
            if case .step(_, let rate?) = setup.limiting {
                setup.workload.boundaryWindowMs = rate.per.milliseconds
            }
            return setup
        })

    static let production = Scenario(
        id: "production", lesson: "http-429", title: "Step 8: the production-ready gateway",
        summary:
            """
                Everything together: bots and scripts get 429 with Retry-After before they cost anything, repeated and \
                paraphrased questions come from the caches (a semantic hit only when the identifiers match), and \
                streamed answers are cached only when complete.
                """,
        parameters: [
            p("requests", "2000", "user requests over 10 minutes"),
            p("limit", "5 per 10 s", "requests per key"),
            p("algorithm", "sliding-window", "limiter algorithm"),
            p("threshold", "0.95", "cosine similarity for a semantic hit"),
            p("stream", "0.3", "share of streamed requests"),
            p("bots", "2", "bursting bots"),
            p("scripts", "1", "steady scripts"),
            p("guard", "numbers", "identifier guard of the semantic cache: numbers or off"),
        ],
        configure: { values in
            var setup = ScenarioSetup(step: 8, workload: try users(values))
            setup.workload.paraphraseShare = 0.4
            setup.workload.streamShare = try values.double("stream", in: 0...1)
            setup.workload.burstBots = try values.int("bots", in: 0...100)
            setup.workload.scripts = try values.int("scripts", in: 0...100)
            setup.llm.abortRate = 0.02
            setup.semantic = (try values.double("threshold", in: -1...1), 3600)
            setup.identifierGuard = try values.identifierGuard("guard")
            setup.limiting = try values.limiting(values.string("algorithm"), rate: "limit")
            return setup
        })

    static let security = Scenario(
        id: "security", lesson: "http-429", title: "Secure: one cache, many tenants, one attacker",
        summary:
            """
                Each tenant's bot answers from its own documents, and an attacker in tenant-1 asks the common \
                questions first with an instruction in its account note. With tenant_in_key=false other tenants get \
                tenant-1's answers (leaked); with cache_context=true the attacker's answer is cached and served to \
                everyone who shares its key (poisoned). The defaults keep both at zero.
                """,
        parameters: [
            p("requests", "2000", "user requests over 10 minutes"),
            p("tenants", "3", "customers sharing one gateway and one Redis"),
            p("attackers", "1", "callers in tenant-1 whose account note carries an instruction"),
            p("tenant_in_key", "true", "put the tenant in the exact cache's key (false leaks answers)"),
            p("cache_context", "false", "cache answers shaped by caller context (true lets poison in)"),
        ],
        configure: { values in
            var setup = ScenarioSetup(step: 2, workload: try users(values))
            setup.workload.attackers = try values.int("attackers", in: 0...100)
            setup.cachePolicy = CachePolicy(
                tenantInKey: try values.bool("tenant_in_key"), cachesContext: try values.bool("cache_context"))
            setup.llm.namesTenant = true
            setup.auditsAnswers = true
            return setup
        })
}
