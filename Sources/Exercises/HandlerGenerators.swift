import CourseKit
import SeededRandom

/// Seeded inputs of exercise 8: limiter decisions for the HTTP response, and requests with random service answers.
extension ExerciseGenerators {
    /// Decisions allowed or refused, with resets in the past, now, on whole seconds and between them.
    static func rateLimitDecisions(_ count: Int, _ random: inout SplitMix64) -> [[String: ExerciseValue]] {
        let offsets: [Int64] = [-5000, -1000, -1, 0, 1, 999, 1000, 1001, 1999, 2000, 9999, 10000, 59_001]
        return (0..<count).map { _ in
            let now = 1_700_000_000_000 + Int64(random.below(10_000_000))
            let offset =
                random.below(2) == 0 ? offsets[random.below(offsets.count)] : Int64(random.below(70_000)) - 2000
            let limit = 1 + random.below(100)
            return [
                "allowed": .bool(random.below(2) == 0), "limit": .number(Double(limit)),
                "remaining": .number(Double(random.below(limit + 1))), "reset_ms": .number(Double(now + offset)),
                "now_ms": .number(Double(now)),
            ]
        }
    }

    /// Requests from keyed and anonymous callers, streamed or not, with the limiter refusing about one in four,
    /// cache hits and misses, and models that answer, fail or break off a stream.
    static func handlerRequests(_ count: Int, _ random: inout SplitMix64) -> [[String: ExerciseValue]] {
        let words = ["Reset ", "your ", "password ", "from ", "Settings", ".", " It ", "takes ", "a ", "minute."]
        return (0..<count).map { index in
            let now = 1_700_000_000_000 + Int64(index) * 250
            let limit = 1 + random.below(20)
            let allowed = random.below(4) != 0
            var args: [String: ExerciseValue] = [
                "tenant": .string(["acme", "globex"][random.below(2)]),
                "prompt": .string("Question \(random.below(50))"),
                "peer": .string("198.51.100.\(random.below(200))"), "stream": .bool(random.below(3) == 0),
                "now_ms": .number(Double(now)), "limit_allowed": .bool(allowed), "limit_max": .number(Double(limit)),
                "limit_remaining": .number(Double(allowed ? random.below(limit) : 0)),
                "limit_reset_ms": .number(Double(now + Int64(random.below(12_000)))),
            ]
            if random.below(2) == 0 { args["api_key"] = .string("sk-\(random.below(1000))") }
            if random.below(4) == 0 { args["forwarded_for"] = .string("10.0.0.\(random.below(9))") }
            if random.below(4) == 0 { args["exact_hit"] = .string("Exact answer \(random.below(9)).") }
            if random.below(4) == 0 { args["semantic_hit"] = .string("Similar answer \(random.below(9)).") }
            let chunks = (0..<(1 + random.below(6))).map { _ in ExerciseValue.string(words[random.below(words.count)]) }
            args["model_chunks"] = .array(chunks)
            switch random.below(8) {
            case 0: args["model_fails"] = .bool(true)
            case 1, 2: args["model_aborts"] = .bool(true)
            default: break
            }
            return args
        }
    }
}
