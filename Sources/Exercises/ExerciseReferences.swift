import CourseKit
import Gateway
import RateLimit

/// An in-process reference implementation a test compares the learner's results with. A fresh one is made per
/// test, so stateful references (limiters) start empty like the harness's adapters.
protocol ExerciseReference: AnyObject {
    /// The expected result of `call` with `args`, as the harness would write it.
    func expected(call: String, args: [String: ExerciseValue]) throws(ReferenceError) -> ExerciseValue
}

/// A reference that runs async code (the gateway's stages): the checker awaits `expectedAsync` instead.
protocol AsyncExerciseReference: ExerciseReference {
    func expectedAsync(call: String, args: [String: ExerciseValue]) async throws(ReferenceError) -> ExerciseValue
}

extension AsyncExerciseReference {
    func expected(call: String, args: [String: ExerciseValue]) throws(ReferenceError) -> ExerciseValue {
        throw ReferenceError(description: "\(Self.self) is asynchronous: use `result(call:args:)`")
    }
}

extension ExerciseReference {
    /// The expected result, awaited when the reference is asynchronous: what the test runner calls.
    func result(call: String, args: [String: ExerciseValue]) async throws(ReferenceError) -> ExerciseValue {
        if let asynchronous = self as? any AsyncExerciseReference {
            return try await asynchronous.expectedAsync(call: call, args: args)
        }
        return try expected(call: call, args: args)
    }
}

/// Arguments a reference cannot use; shown as the test's failure.
struct ReferenceError: Error, CustomStringConvertible {
    let description: String
}

/// The references exercises may name in `reference = "…"`.
public enum ExerciseReferences {
    /// Every reference name, for messages and checks.
    public static let names = [
        "gateway.cache-key", "ratelimit.token-bucket",
        "gateway.caller-id", "ratelimit.fixed-window", "ratelimit.sliding-window",
        "gateway.http-response", "gateway.handler",
        "gateway.exact-cost",
        "semantic.cache",
        "gateway.stream-cache",
    ]

    static func make(_ name: String) -> (any ExerciseReference)? {
        switch name {
        case "gateway.cache-key": return CacheKeyReference()
        case "ratelimit.token-bucket": return TokenBucketReference()
        case "gateway.caller-id": return CallerIDReference()
        case "ratelimit.fixed-window": return WindowLimiterReference.fixedWindow()
        case "ratelimit.sliding-window": return WindowLimiterReference.slidingWindow()
        case "gateway.http-response": return HTTPResponseReference()
        case "gateway.handler": return HandlerReference()
        case "gateway.exact-cost": return CostReference()
        case "semantic.cache": return SemanticCacheReference()
        case "gateway.stream-cache": return StreamCacheReference()
        default: return nil
        }
    }
}

extension [String: ExerciseValue] {
    func string(_ key: String) throws(ReferenceError) -> String {
        guard let value = self[key]?.string else {
            throw ReferenceError(description: "argument `\(key)` must be a string")
        }
        return value
    }

    func int(_ key: String) throws(ReferenceError) -> Int64 {
        guard let value = self[key]?.int else {
            throw ReferenceError(description: "argument `\(key)` must be an integer")
        }
        return value
    }

    func number(_ key: String) throws(ReferenceError) -> Double {
        guard case .number(let value)? = self[key] else {
            throw ReferenceError(description: "argument `\(key)` must be a number")
        }
        return value
    }
}

/// ArchLab's `CacheKey.exact`: the key the gateway's exact-cache stage uses.
final class CacheKeyReference: ExerciseReference {
    func expected(call: String, args: [String: ExerciseValue]) throws(ReferenceError) -> ExerciseValue {
        let request = LLMRequest(
            tenant: try args.string("tenant"), model: try args.string("model"),
            systemPrompt: try args.string("system_prompt"), prompt: try args.string("prompt"),
            temperature: try args.number("temperature"), maxTokens: Int(try args.int("max_tokens")))
        return .string(CacheKey.exact(request))
    }
}

/// RateLimit's `TokenBucket` (Upstash semantics), one state per `bucket`/`key`, never forgotten.
final class TokenBucketReference: ExerciseReference {
    private var buckets: [String: (algorithm: TokenBucket, state: TokenBucket.State?)] = [:]

    func expected(call: String, args: [String: ExerciseValue]) throws(ReferenceError) -> ExerciseValue {
        let id = try args.string("bucket") + "/" + args.string("key")
        var entry: (algorithm: TokenBucket, state: TokenBucket.State?)
        if let existing = buckets[id] {
            entry = existing
        } else {
            do {
                let algorithm = try TokenBucket(
                    refillRate: Int(try args.int("refill_rate")),
                    interval: LimitDuration(milliseconds: try args.int("interval_ms")),
                    maxTokens: Int(try args.int("capacity")))
                entry = (algorithm, nil)
            } catch let error as ReferenceError {
                throw error
            } catch {
                throw ReferenceError(description: "\(error)")
            }
        }
        let result = entry.algorithm.decide(&entry.state, now: try args.int("now_ms"), cost: 1)
        buckets[id] = entry
        return .object([
            "allowed": .bool(result.success), "remaining": .number(Double(result.remaining)),
            "reset_ms": .number(Double(result.reset)),
        ])
    }
}
