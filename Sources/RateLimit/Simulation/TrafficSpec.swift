/// Traffic a learner writes by hand, parts separated by `;`:
/// - `burst N at T`: N requests at the instant T;
/// - `steady R/s for D [from T]` (or `R/m`): evenly spaced, the first at T (default 0);
/// - `random N over D [from T]`: N arrivals spread uniformly (seeded) over D from T.
/// Times and durations are `9.9s`, `500ms`, `2m`, `1h` (a space before the unit is allowed).
public struct TrafficSpec: Hashable, Sendable {
    /// One part of the spec.
    public enum Part: Hashable, Sendable {
        case burst(count: Int, at: Int64)
        case steady(perSecond: Double, duration: Int64, from: Int64)
        case random(count: Int, over: Int64, from: Int64)
    }

    /// The largest number of requests a spec may describe, so a typo cannot exhaust memory.
    public static let maximumRequests = 200_000
    /// The latest instant a spec may reach (one day), in milliseconds.
    public static let maximumTime: Int64 = 86_400_000

    public let text: String
    public let parts: [Part]

    /// Parses `text`; errors point at the offending part.
    public init(parsing text: String) throws(TrafficSpecError) {
        self.text = text
        var parser = TrafficSpecParser(spec: text)
        parts = try parser.parse()
    }

    /// Every request's time in milliseconds, in order (ties keep the order of the parts).
    public func requestTimes(seed: UInt64) -> [Int64] {
        var generator = SeededGenerator(seed: seed)
        var times: [Int64] = []
        for part in parts {
            switch part {
            case .burst(let count, let at):
                times.append(contentsOf: repeatElement(at, count: count))
            case .steady(let perSecond, let duration, let from):
                let count = Self.steadyCount(perSecond: perSecond, duration: duration)
                for index in 0..<count {
                    times.append(Self.steadyTime(index, perSecond: perSecond, from: from))
                }
            case .random(let count, let over, let from):
                var spread = (0..<count).map { _ in from + Int64.random(in: 0..<over, using: &generator) }
                spread.sort()
                times.append(contentsOf: spread)
            }
        }
        return times.enumerated().sorted { ($0.element, $0.offset) < ($1.element, $1.offset) }.map(\.element)
    }

    /// Requests in `steady R/s for D`: one every 1/R s while inside D.
    static func steadyCount(perSecond: Double, duration: Int64) -> Int {
        Int((perSecond * Double(duration) / 1000).rounded(.up))
    }

    /// When request `index` (from 0) of `steady R/s … from F` arrives, in ms.
    static func steadyTime(_ index: Int, perSecond: Double, from: Int64) -> Int64 {
        from + Int64((Double(index) * 1000 / perSecond).rounded())
    }
}
