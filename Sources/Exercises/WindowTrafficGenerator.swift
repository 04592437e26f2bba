import CourseKit
import SeededRandom

extension ExerciseGenerators {
    /// `window-traffic`: requests from `keys` callers against a `limit` per `window_ms` limiter, crowded around
    /// window boundaries: bursts that start shortly before a boundary and run across it, steady trickles, and quiet
    /// gaps of one to three windows (so the previous window is sometimes full, sometimes empty, sometimes skipped).
    /// Each burst or trickle is mostly one caller's, with others' requests mixed in.
    /// Time only moves forward. Arguments: `limiter`, `key`, `limit`, `window_ms`, `now_ms`.
    static func windowTraffic(_ block: ExerciseRandom, _ random: inout SplitMix64) -> [[String: ExerciseValue]] {
        let limit = max(1, block.params["limit"]?.int ?? 5)
        let window = max(10, block.params["window_ms"]?.int ?? 10_000)
        let keys = max(1, Int(block.params["keys"]?.int ?? 3))
        var now: Int64 = 1_700_000_000_000
        var left = 0
        var step: Int64 = 1
        var caller = 0
        var inputs: [[String: ExerciseValue]] = []
        for _ in 0..<block.count {
            if left > 0 {
                left -= 1
                now += Int64(random.below(Int(step) + 1))
            } else {
                caller = random.below(keys)
                switch random.below(3) {
                case 0:  // a burst of up to 3 × limit, starting up to a tenth of a window before the next boundary
                    let boundary = (now / window + 1) * window
                    now = max(now, boundary - Int64(random.below(Int(window / 10) + 1)))
                    left = random.below(Int(limit) * 3 + 1)
                    step = max(1, window / 100)
                case 1:  // a trickle: about limit requests per window, a little faster or slower
                    left = random.below(Int(limit) * 2 + 1)
                    step = max(1, window * 2 / limit)
                    now += Int64(random.below(Int(step) + 1))
                default:  // quiet for up to three windows
                    now += Int64(random.below(Int(window) * 3 + 1))
                }
            }
            let key = random.below(4) == 0 ? random.below(keys) : caller
            inputs.append([
                "limiter": .string("random"), "key": .string("user-\(key)"),
                "limit": .number(Double(limit)), "window_ms": .number(Double(window)), "now_ms": .number(Double(now)),
            ])
        }
        return inputs
    }
}
