import RateLimit

/// One request of a table: at `t` (ms), with `cost`, expecting `success`, `remaining`
/// and, when given, `reset` (ms) and `Retry-After` seconds.
struct Step {
    var t: Int64
    var cost = 1
    var success: Bool
    var remaining: Int
    var reset: Int64?
    var retryAfter: Int64?
}

/// Decides every step on a fresh state and returns the first mismatch, if any.
func replay<A: RateLimitAlgorithm>(_ algorithm: A, _ steps: [Step]) -> String? {
    var state: A.State?
    for (index, step) in steps.enumerated() {
        let result = algorithm.decideDroppingStale(&state, now: step.t, cost: step.cost)
        var wrong: [String] = []
        if result.success != step.success { wrong.append("success \(result.success)") }
        if result.remaining != step.remaining { wrong.append("remaining \(result.remaining)") }
        if let reset = step.reset, result.reset != reset { wrong.append("reset \(result.reset)") }
        if let retry = step.retryAfter, result.retryAfterSeconds != retry {
            wrong.append("retry-after \(result.retryAfterSeconds)")
        }
        if !wrong.isEmpty {
            return
                "\(algorithm.name) step \(index) at t=\(step.t): got \(wrong.joined(separator: ", ")); expected \(step)"
        }
    }
    return nil
}
