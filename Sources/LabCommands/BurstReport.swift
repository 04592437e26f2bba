import RateLimit
import Terminal

/// One line per request of a `burst`: its time, HTTP status, and RateLimit-Remaining or Retry-After.
enum BurstReport {
    static func lines(_ results: [(at: Int64, result: RateLimitResult)], painter: Painter) -> [String] {
        let width = String(results.count).count
        var lines = results.enumerated().map { index, item in
            let number = String(index + 1)
            let label = "  #" + String(repeating: " ", count: width - number.count) + number
            let time = "t=" + seconds(item.at)
            if item.result.success {
                return "\(label)  \(time)  " + painter.paint("200 OK", .green)
                    + "                 remaining \(item.result.remaining)"
            }
            return "\(label)  \(time)  " + painter.paint("429 Too Many Requests", .red, .bold)
                + "  Retry-After: \(item.result.retryAfterSeconds)"
        }
        let allowed = results.count { $0.result.success }
        lines.append("allowed \(allowed), rejected with 429: \(results.count - allowed)")
        return lines
    }

    private static func seconds(_ milliseconds: Int64) -> String {
        let whole = milliseconds / 1000
        let tenths = (milliseconds % 1000) / 100
        return "\(whole).\(tenths)s"
    }
}
