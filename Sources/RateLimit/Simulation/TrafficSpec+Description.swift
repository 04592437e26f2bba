import Foundation

extension TrafficSpec {
    /// Each part in words, in the order written: "a burst of 10 requests at 9.9 s",
    /// "60 requests at 2 per second from 0 s to 29.5 s", "15 requests at random times between 5 s and 15 s".
    public var partDescriptions: [String] {
        parts.map(Self.describe)
    }

    static func describe(_ part: Part) -> String {
        let time = SimulationReport.formatTime
        switch part {
        case .burst(let count, let at):
            return count == 1 ? "1 request at \(time(at))" : "a burst of \(count) requests at \(time(at))"
        case .steady(let perSecond, let duration, let from):
            let count = steadyCount(perSecond: perSecond, duration: duration)
            let last = steadyTime(count - 1, perSecond: perSecond, from: from)
            if count == 1 { return "1 request at \(time(from))" }
            return "\(count) requests at \(rate(perSecond)) from \(time(from)) to \(time(last))"
        case .random(let count, let over, let from):
            let what = count == 1 ? "1 request at a random time" : "\(count) requests at random times"
            return "\(what) between \(time(from)) and \(time(from + over))"
        }
    }

    /// "2 per second", "0.5 per second" written as "30 per minute" when a whole number per minute.
    private static func rate(_ perSecond: Double) -> String {
        let perMinute = perSecond * 60
        if perSecond < 1, abs(perMinute - perMinute.rounded()) < 1e-9 {
            return "\(number(perMinute.rounded())) per minute"
        }
        return "\(number(perSecond)) per second"
    }

    /// Up to three decimals, trailing zeros dropped; a rate too small for that keeps two significant digits.
    private static func number(_ value: Double) -> String {
        let thousandths = (value * 1000).rounded()
        if thousandths == 0, value != 0 { return String(format: "%.2g", value) }
        if thousandths.truncatingRemainder(dividingBy: 1000) == 0 { return String(Int64(thousandths / 1000)) }
        var text = String(format: "%.3f", thousandths / 1000)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }
}
