import Gateway
import RateLimit

/// A named knob of a scenario, with its default.
public struct ScenarioParameter: Sendable, Hashable, Codable {
    public var name: String
    public var defaultValue: String
    public var help: String

    enum CodingKeys: String, CodingKey {
        case name
        case defaultValue = "default"
        case help
    }
}

/// Everything a run needs, decided from a scenario's parameter values.
public struct ScenarioSetup: Sendable {
    public var step: Int
    public var workload: WorkloadSpec
    public var llm: LLMProfile = LLMProfile()
    public var exactTTLSeconds: Int = 3600
    /// Threshold and TTL (seconds) of the semantic cache; nil leaves it out.
    public var semantic: (threshold: Double, ttlSeconds: Double)?
    /// When set (with `semantic`), the run also replays its workload in process with the exact cache
    /// alone and with the semantic cache at this low threshold, for the report's side-by-side.
    public var comparisonThreshold: Double?
    /// The rule a semantic hit must pass before it is served.
    public var identifierGuard: IdentifierGuard = .numbers
    /// Steps 5–8: the step's own limiter, or the algorithm and rate the parameters chose, or none.
    public var limiting: GatewayParts.Limiting = .step()
    /// What the exact cache may key and store (the security lab turns its rules off).
    public var cachePolicy = CachePolicy()
    /// Count cache hits that serve another tenant's or an attacker's answer (the security lab).
    public var auditsAnswers = false

    /// The limiter the parameters chose whole, algorithm and rate (`windows`, `production`); nil when the
    /// step's own algorithm runs (`abuse`, `token-bucket`) or there is no limit.
    public var limiter: LimiterSpec? {
        guard case .step(let algorithm?, let rate?) = limiting else { return nil }
        return try? LimiterSpec(algorithm: algorithm, rate: rate)
    }
}

/// A runnable step of server.swift: the lesson it belongs to, what it shows, its knobs.
public struct Scenario: Sendable {
    public var id: String
    public var lesson: String
    public var title: String
    /// The headline effect the learner should see, in one or two sentences.
    public var summary: String
    public var parameters: [ScenarioParameter]
    let configure: @Sendable (ScenarioValues) throws -> ScenarioSetup

    /// The values of every parameter: defaults overridden by `assignments`.
    public func values(_ assignments: [String: String]) throws -> ScenarioValues {
        let known = parameters.map(\.name)
        for name in assignments.keys.sorted() where !known.contains(name) {
            throw LabError.unknownParameter(name, scenario: id, known: known)
        }
        var values: [String: String] = [:]
        for parameter in parameters {
            values[parameter.name] = assignments[parameter.name] ?? parameter.defaultValue
        }
        return ScenarioValues(values: values)
    }

    /// The setup a run with these assignments uses (the capstone check replays it against a learner's gateway).
    public func setup(_ assignments: [String: String] = [:]) throws -> ScenarioSetup {
        try configure(values(assignments))
    }

    /// Whether a run with these assignments has a semantic cache, so callers load an embedder
    /// (MiniLM costs time and memory) only for the runs that use one.
    public func hasSemanticCache(_ assignments: [String: String]) throws -> Bool {
        try configure(values(assignments)).semantic != nil
    }
}

/// Typed access to a run's parameter values, with errors that name the parameter.
public struct ScenarioValues: Sendable {
    public let values: [String: String]

    func string(_ name: String) -> String {
        values[name] ?? ""
    }

    func int(_ name: String, in range: ClosedRange<Int>) throws -> Int {
        guard let value = Int(string(name)), range.contains(value) else {
            throw LabError.badParameter(
                name, string(name), expected: "a whole number in \(range.lowerBound)…\(range.upperBound)")
        }
        return value
    }

    func double(_ name: String, in range: ClosedRange<Double>) throws -> Double {
        guard let value = Double(string(name)), range.contains(value) else {
            throw LabError.badParameter(
                name, string(name), expected: "a number in \(range.lowerBound)…\(range.upperBound)")
        }
        return value
    }

    func bool(_ name: String) throws -> Bool {
        switch string(name).lowercased() {
        case "true", "yes", "on", "1": return true
        case "false", "no", "off", "0": return false
        default: throw LabError.badParameter(name, string(name), expected: "true or false")
        }
    }

    /// A duration parameter in milliseconds: `10s`, `500ms`, `2m`, `1h`, `1d`, or a bare whole number, read as
    /// seconds (`ttl=60` is `ttl=60s`, as Redis counts a TTL).
    func seconds(_ name: String) throws -> Int64 {
        let text = string(name)
        let spelled = !text.isEmpty && text.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
            ? text + "s" : text
        do {
            return try LimitDuration(parsing: spelled).milliseconds
        } catch {
            throw LabError.badParameter(
                name, text, expected: "a duration such as 10s, 500ms, 2m, 1h, or a number of seconds")
        }
    }

    /// The identifier guard named by parameter `name` (`numbers` or `off`).
    func identifierGuard(_ name: String) throws -> IdentifierGuard {
        guard let rule = IdentifierGuard(rawValue: string(name).lowercased()) else {
            throw LabError.badParameter(name, string(name), expected: "numbers or off")
        }
        return rule
    }

    /// The limiting of parameter `rate`'s rate, run by `algorithm` (a name from
    /// `LimiterSpec.algorithms`) or, when nil, by the step's own algorithm; `.off` for `none`.
    func limiting(_ algorithm: String?, rate: String) throws -> GatewayParts.Limiting {
        let text = string(rate)
        if text.lowercased() == "none" { return .off }
        let parsed: LimitRate
        do {
            parsed = try LimitRate(parsing: text)
        } catch {
            throw LabError.badParameter(rate, text, expected: "N per DURATION, e.g. 5 per 10 s, or none")
        }
        if let algorithm, !LimiterSpec.algorithms.contains(algorithm) {
            throw LabError.badParameter(
                "algorithm", algorithm, expected: LimiterSpec.algorithms.joined(separator: ", "))
        }
        return .step(algorithm: algorithm, rate: parsed)
    }
}
