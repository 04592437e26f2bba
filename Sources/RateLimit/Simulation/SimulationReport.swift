import JSONText

/// What a simulation decided: for each algorithm every request's outcome, plus the
/// counts a learner compares. Render it with `renderText()` or `json()`.
public struct SimulationReport: Hashable, Sendable {
    /// One request's outcome; times in milliseconds since t = 0.
    public struct Decision: Hashable, Sendable {
        public var tMilliseconds: Int64
        public var allowed: Bool
        public var remaining: Int
        public var resetMilliseconds: Int64
    }

    /// The densest stretch of admitted requests: `count` admitted within one span length.
    public struct Busiest: Hashable, Sendable {
        public var count: Int
        public var firstMilliseconds: Int64
        public var lastMilliseconds: Int64
    }

    /// One algorithm's run.
    public struct Run: Hashable, Sendable {
        public var algorithm: SimulatedAlgorithm
        /// Its parameters in words, e.g. `10 per 10 s, windows start at 0, 10 s, 20 s…`.
        public var summary: String
        public var limit: Int
        /// The span over which `busiest` is measured: the window, or the refill interval.
        public var spanMilliseconds: Int64
        public var decisions: [Decision]

        public var name: String { algorithm.rawValue }
        public var allowed: Int { decisions.count { $0.allowed } }
        public var rejected: Int { decisions.count { !$0.allowed } }

        /// The most requests admitted within any `spanMilliseconds` (`(t − span, t]`).
        public var busiest: Busiest {
            let times = decisions.filter(\.allowed).map(\.tMilliseconds)
            var best = Busiest(count: 0, firstMilliseconds: 0, lastMilliseconds: 0)
            var start = 0
            for end in times.indices {
                while times[start] <= times[end] - spanMilliseconds { start += 1 }
                if end - start + 1 > best.count {
                    best = Busiest(
                        count: end - start + 1, firstMilliseconds: times[start], lastMilliseconds: times[end])
                }
            }
            return best
        }
    }

    /// The traffic spec as written.
    public var traffic: String
    /// Each part of the traffic in words (`TrafficSpec.partDescriptions`), for the chart's header.
    public var trafficParts: [String] = []
    public var windowMilliseconds: Int64
    public var runs: [Run]

    /// The report as one JSON document:
    /// `{"algorithms": [{"name", "allowed", "rejected", "decisions": [{"t_ms", "allowed", "remaining",
    /// "reset_ms"}]}]}`.
    public func json() -> String {
        var out = "{\n  \"algorithms\": ["
        for (index, run) in runs.enumerated() {
            out += index == 0 ? "\n" : ",\n"
            out += "    {\n      \"name\": \(JSONText.string(run.name)),\n"
            out += "      \"allowed\": \(run.allowed),\n      \"rejected\": \(run.rejected),\n      \"decisions\": ["
            for (position, decision) in run.decisions.enumerated() {
                out += position == 0 ? "\n" : ",\n"
                out += "        {\"t_ms\": \(decision.tMilliseconds), \"allowed\": \(decision.allowed), "
                out += "\"remaining\": \(decision.remaining), \"reset_ms\": \(decision.resetMilliseconds)}"
            }
            out += run.decisions.isEmpty ? "]\n    }" : "\n      ]\n    }"
        }
        out += runs.isEmpty ? "]\n}\n" : "\n  ]\n}\n"
        return out
    }
}
