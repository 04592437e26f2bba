import CourseKit
import SeededRandom

/// Seeded input generators for `[[random]]` blocks: the same seed gives the same inputs on every machine.
public enum ExerciseGenerators {
    /// Every generator name.
    public static let names = [
        "bursty-traffic", "prompt-variants",
        "window-traffic", "caller-requests",
        "call-costs",
        "vector-pairs",
        "semantic-traffic",
        "chunk-streams",
        "rate-limit-decisions", "handler-requests",
    ]

    /// The inputs of a random block, in order; nil for an unknown generator.
    static func inputs(_ block: ExerciseRandom) -> [[String: ExerciseValue]]? {
        var random = SplitMix64(seed: block.seed)
        switch block.generator {
        case "bursty-traffic": return burstyTraffic(block, &random)
        case "prompt-variants": return promptVariants(block.count, &random)
        case "window-traffic": return windowTraffic(block, &random)
        case "caller-requests": return callerRequests(block.count, &random)
        case "rate-limit-decisions": return rateLimitDecisions(block.count, &random)
        case "handler-requests": return handlerRequests(block.count, &random)
        case "call-costs": return callCosts(block.count, &random)
        case "vector-pairs": return vectorPairs(block.count, &random)
        case "semantic-traffic": return semanticTraffic(block, &random)
        case "chunk-streams": return chunkStreams(block, &random)
        default: return nil
        }
    }

    /// Requests from `keys` callers: bursts of up to twice the capacity a few ms apart, then quiet gaps of up to
    /// three intervals, so buckets are drained, refused, refilled in steps and capped. Time only moves forward.
    private static func burstyTraffic(_ block: ExerciseRandom, _ random: inout SplitMix64) -> [[String: ExerciseValue]]
    {
        let capacity = block.params["capacity"]?.int ?? 10
        let refill = block.params["refill_rate"]?.int ?? 1
        let interval = max(1, block.params["interval_ms"]?.int ?? 1000)
        let keys = max(1, Int(block.params["keys"]?.int ?? 3))
        var now: Int64 = 1_700_000_000_000
        var burstLeft = 0
        var inputs: [[String: ExerciseValue]] = []
        for _ in 0..<block.count {
            if burstLeft > 0 {
                burstLeft -= 1
                now += Int64(random.below(30))
            } else {
                burstLeft = random.below(Int(capacity) * 2 + 1)
                now += Int64(random.below(Int(interval) * 3 + 1))
            }
            inputs.append([
                "bucket": .string("random"), "key": .string("user-\(random.below(keys))"),
                "capacity": .number(Double(capacity)), "refill_rate": .number(Double(refill)),
                "interval_ms": .number(Double(interval)), "now_ms": .number(Double(now)),
            ])
        }
        return inputs
    }

    private static let prompts = [
        "What is the capital of France?", "How do I reset my password?", "Convert 10 miles to km",
        "How do I enable two-factor authentication?", "Where is my order #4512?", "Café opening hours on Sunday",
        "Explain   rate limiting\tin one sentence", "Is the API down right now?",
    ]
    private static let tenants = ["acme", "globex", "initech", "default"]
    private static let models = ["gpt-4o", "gpt-4o-mini", "claude-3-5-sonnet"]
    private static let systems = ["You are a helpful support assistant.", "You answer billing questions.", ""]

    /// Prompts with random spacing and case changes, tenants, models, system prompts and parameters.
    private static func promptVariants(_ count: Int, _ random: inout SplitMix64) -> [[String: ExerciseValue]] {
        (0..<count).map { _ in
            var prompt = ""
            for character in prompts[random.below(prompts.count)] {
                let text = String(character)
                let changed =
                    random.below(4) == 0 ? (random.below(2) == 0 ? text.uppercased() : text.lowercased()) : text
                prompt += character == " " ? [" ", "  ", " \t", "\n "][random.below(4)] : changed
            }
            if random.below(3) == 0 { prompt = "  " + prompt }
            if random.below(3) == 0 { prompt += " \n" }
            return [
                "tenant": .string(tenants[random.below(tenants.count)]),
                "model": .string(models[random.below(models.count)]),
                "system_prompt": .string(systems[random.below(systems.count)]),
                "temperature": .number([0, 0, 0.2, 0.7][random.below(4)]),
                "max_tokens": .number(Double([256, 512, 1024][random.below(3)])),
                "prompt": .string(prompt),
            ]
        }
    }
}
