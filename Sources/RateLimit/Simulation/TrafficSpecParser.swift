/// Reads a traffic spec word by word, remembering where each word sits so errors can
/// point at it.
struct TrafficSpecParser {
    private struct Word {
        var text: String
        var range: Range<Int>
    }

    let spec: String
    private var words: [Word] = []
    private var position = 0
    private var partRange: Range<Int> = 0..<0

    init(spec: String) {
        self.spec = spec
    }

    mutating func parse() throws(TrafficSpecError) -> [TrafficSpec.Part] {
        var parts: [TrafficSpec.Part] = []
        var total = 0
        let characters = Array(spec)
        var start = 0
        for end in 0...characters.count where end == characters.count || characters[end] == ";" {
            words = Self.split(characters, from: start, to: end)
            position = 0
            partRange = start..<end
            if words.isEmpty {
                if end < characters.count || parts.isEmpty {
                    throw TrafficSpecError(
                        spec: spec, range: start..<max(start + 1, end),
                        message: "empty part; expected \"burst N at T\", \"steady R/s for D\" or \"random N over D\"")
                }
            } else {
                let part = try parsePart()
                total += Self.count(part)
                if total > TrafficSpec.maximumRequests {
                    throw error(at: partRange, "more than \(TrafficSpec.maximumRequests) requests in total")
                }
                parts.append(part)
            }
            start = end + 1
        }
        return parts
    }

    private static func count(_ part: TrafficSpec.Part) -> Int {
        switch part {
        case .burst(let count, _), .random(let count, _, _): return count
        case .steady(let perSecond, let duration, _):
            return TrafficSpec.steadyCount(perSecond: perSecond, duration: duration)
        }
    }

    private static func split(_ characters: [Character], from: Int, to: Int) -> [Word] {
        var words: [Word] = []
        var index = from
        while index < to {
            if characters[index].isWhitespace {
                index += 1
                continue
            }
            let begin = index
            while index < to, !characters[index].isWhitespace { index += 1 }
            words.append(Word(text: String(characters[begin..<index]), range: begin..<index))
        }
        return words
    }

    private func error(at range: Range<Int>, _ message: String) -> TrafficSpecError {
        TrafficSpecError(spec: spec, range: range, message: message)
    }

    private var endRange: Range<Int> {
        let end = words.last?.range.upperBound ?? partRange.upperBound
        return end..<(end + 1)
    }

    private mutating func next(_ expected: String) throws(TrafficSpecError) -> Word {
        guard position < words.count else { throw error(at: endRange, "expected \(expected) here") }
        defer { position += 1 }
        return words[position]
    }

    private mutating func keyword(_ word: String) throws(TrafficSpecError) {
        let found = try next("\"\(word)\"")
        guard found.text == word else { throw error(at: found.range, "expected \"\(word)\", found \"\(found.text)\"") }
    }

    private mutating func parsePart() throws(TrafficSpecError) -> TrafficSpec.Part {
        let head = try next("a pattern")
        let part: TrafficSpec.Part
        switch head.text {
        case "burst":
            let count = try integer("a request count")
            try keyword("at")
            part = .burst(count: count, at: try time("a time such as 9.9s"))
        case "steady":
            let rate = try rate()
            try keyword("for")
            let duration = try time("a duration such as 30s", positive: true)
            part = .steady(perSecond: rate, duration: duration, from: try optionalFrom())
        case "random":
            let count = try integer("a request count")
            try keyword("over")
            let duration = try time("a duration such as 30s", positive: true)
            part = .random(count: count, over: duration, from: try optionalFrom())
        default:
            throw error(at: head.range, "unknown pattern \"\(head.text)\"; expected burst, steady or random")
        }
        if position < words.count {
            let extra = words[position]
            throw error(
                at: extra.range.lowerBound..<words[words.count - 1].range.upperBound,
                "unexpected \"\(extra.text)\" after a complete part")
        }
        return part
    }

    private mutating func optionalFrom() throws(TrafficSpecError) -> Int64 {
        guard position < words.count else { return 0 }
        try keyword("from")
        return try time("a start time such as 5s")
    }

    private mutating func integer(_ expected: String) throws(TrafficSpecError) -> Int {
        let word = try next(expected)
        guard let value = Int(word.text), value > 0, value <= TrafficSpec.maximumRequests else {
            throw error(
                at: word.range, "expected \(expected) (1…\(TrafficSpec.maximumRequests)), found \"\(word.text)\"")
        }
        return value
    }

    private mutating func rate() throws(TrafficSpecError) -> Double {
        let word = try next("a rate such as 2/s")
        let pieces = word.text.split(separator: "/", omittingEmptySubsequences: false)
        guard pieces.count == 2, let amount = Double(pieces[0]), amount.isFinite, amount > 0, amount <= 10_000,
            let unit = ["s": 1.0, "m": 1.0 / 60, "min": 1.0 / 60][String(pieces[1])]
        else {
            throw error(at: word.range, "expected a rate such as 2/s or 30/m, found \"\(word.text)\"")
        }
        return amount * unit
    }

    /// A time such as `9.9s`, `500ms`, `2m`, `1h`, or a number followed by a separate unit word.
    private mutating func time(_ expected: String, positive: Bool = false) throws(TrafficSpecError) -> Int64 {
        let word = try next(expected)
        var text = word.text
        var range = word.range
        if Double(text) != nil, position < words.count, Self.unitScale[words[position].text] != nil {
            text += words[position].text
            range = range.lowerBound..<words[position].range.upperBound
            position += 1
        }
        guard let value = Self.milliseconds(text), value <= TrafficSpec.maximumTime, !positive || value > 0 else {
            throw error(at: range, "expected \(expected), found \"\(text)\"")
        }
        return value
    }

    private static let unitScale: [String: Double] = ["ms": 1, "s": 1000, "m": 60_000, "h": 3_600_000]

    static func milliseconds(_ text: String) -> Int64? {
        let digits = text.prefix { $0.isNumber || $0 == "." }
        guard !digits.isEmpty, digits.first != ".", digits.last != ".", digits.filter({ $0 == "." }).count <= 1,
            let number = Double(digits), let scale = unitScale[String(text.dropFirst(digits.count))]
        else { return nil }
        let value = (number * scale).rounded()
        guard value.isFinite, value < 1e15 else { return nil }
        return Int64(value)
    }
}
