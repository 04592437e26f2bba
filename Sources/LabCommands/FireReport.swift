import Terminal

/// One line per `fire` request: status, cache outcome, and the limiter's headers.
enum FireReport {
    static func line(_ index: Int, of count: Int, _ response: LoopbackHTTPClient.Response, painter: Painter) -> String {
        let number = String(index)
        let label = "  #" + String(repeating: " ", count: String(count).count - number.count) + number
        let status = "\(response.status) \(response.reason)"
        let painted =
            response.status == 200
            ? painter.paint(status, .green)
            : response.status == 429 ? painter.paint(status, .red, .bold) : painter.paint(status, .yellow)
        var parts = [label, painted + String(repeating: " ", count: max(0, 22 - status.count))]
        if let cache = response.headers["x-cache"] {
            parts.append("X-Cache: " + cache.padding(toLength: 12, withPad: " ", startingAt: 0))
        }
        if let retry = response.headers["retry-after"] {
            parts.append("Retry-After: \(retry)")
        } else if let remaining = response.headers["ratelimit-remaining"] {
            parts.append("RateLimit-Remaining: \(remaining)")
        }
        return parts.joined(separator: "  ").trimmingTrailingSpaces()
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var text = self
        while text.hasSuffix(" ") { text.removeLast() }
        return text
    }
}
