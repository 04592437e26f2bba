import RateLimit

/// Writes the simulated model's answers: plausible support-desk prose whose words and
/// length depend only on the request, so equal requests always get equal answers.
enum AnswerWriter {
    private static let openers = [
        "Here is how to handle", "Good question about", "To sort out", "The short answer on",
        "Step by step, for",
    ]
    private static let vocabulary = [
        "open", "settings", "then", "select", "your", "account", "and", "confirm", "the", "change",
        "it", "usually", "takes", "a", "minute", "if", "that", "fails", "check", "email", "for",
        "link", "we", "sent", "you", "can", "also", "contact", "support", "from", "help", "page",
        "make", "sure", "browser", "is", "up", "to", "date", "before", "trying", "again", "this",
        "keeps", "data", "safe", "while", "updates", "apply", "in", "background", "most", "users",
        "finish", "under", "two", "minutes",
    ]

    /// The answer's words (with trailing spaces and punctuation) for a request.
    static func answer(to request: LLMRequest, tokens range: ClosedRange<Int>) -> [String] {
        var random = SeededGenerator.derived(seed: 0, key(request))
        let span = UInt64(range.upperBound - range.lowerBound + 1)
        let target = range.lowerBound + Int(random.next() % span)
        let topic = request.prompt.split(whereSeparator: \.isWhitespace).prefix(6).joined(separator: " ")
        var words = [openers[Int(random.next() % UInt64(openers.count))] + " ", "\"\(topic)\": "]
        var tokens = words.reduce(0) { $0 + TokenCounter.count($1) }
        var sentence = 0
        while tokens < target {
            var word = vocabulary[Int(random.next() % UInt64(vocabulary.count))]
            sentence += 1
            if sentence >= 8 && random.next() % 4 == 0 {
                word += "."
                sentence = 0
            }
            word += " "
            tokens += TokenCounter.count(word)
            words.append(word)
        }
        if let last = words.popLast() {
            words.append(last.trimmingTrailingSpace() + ".")
        }
        return words
    }

    /// Groups words into the chunks a streaming API sends (one to three words each).
    static func chunks(_ words: [String]) -> [String] {
        var result: [String] = []
        var index = 0
        var size = 1
        while index < words.count {
            let end = min(words.count, index + size)
            result.append(words[index..<end].joined())
            index = end
            size = size % 3 + 1
        }
        return result
    }

    private static func key(_ request: LLMRequest) -> String {
        "\(request.model)\u{1F}\(request.systemPrompt)\u{1F}\(request.prompt)"
    }
}

extension String {
    fileprivate func trimmingTrailingSpace() -> String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}
