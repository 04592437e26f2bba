import SeededRandom
import RateLimit

/// Writes the simulated model's answers: plausible support-desk prose whose words and
/// length depend only on the request, so equal requests always get equal answers.
enum AnswerWriter {
    private static let openers = [
        "Here is how to handle", "Good question about", "Happy to help with", "Let's sort out",
    ]
    private static let sentences = [
        "Open Settings and choose Account from the menu on the left.",
        "Select the option you need and confirm the change with your password.",
        "The change usually takes effect within a minute.",
        "If the confirmation email does not arrive within five minutes, check your spam folder.",
        "You can also do this from the mobile app under Profile.",
        "Only workspace owners and admins can change this for the whole team.",
        "We keep a record of the change in your account's activity log.",
        "If the page shows an error, sign out, sign in again and retry.",
        "Make sure your browser is up to date before you try again.",
        "Our support team can help from the Help page if anything still looks wrong.",
        "Changes apply to every device where you are signed in.",
        "Nothing else in your account changes when you do this.",
    ]

    /// The answer's words (each with its trailing space) for a request.
    static func answer(to request: LLMRequest, tokens range: ClosedRange<Int>) -> [String] {
        var random = SeededGenerator.derived(seed: 0, key(request))
        let span = UInt64(range.upperBound - range.lowerBound + 1)
        let target = range.lowerBound + Int(random.next() % span)
        let topic = request.prompt.split(whereSeparator: \.isWhitespace).prefix(8).joined(separator: " ")
        var text = openers[Int(random.next() % UInt64(openers.count))] + " \"" + topic + "\"."
        var order = Array(sentences.indices)
        order.shuffle(using: &random)
        var next = 0
        while TokenCounter.count(text) < target {
            text += " " + sentences[order[next % order.count]]
            next += 1
        }
        let words = text.split(separator: " ").map { String($0) + " " }
        return words.enumerated().map { index, word in index == words.count - 1 ? String(word.dropLast()) : word }
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
