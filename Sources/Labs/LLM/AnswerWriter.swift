import SeededRandom
import RateLimit
import Semantic

/// A written answer as a streaming API sends it: chunks of one to three words and the tokens in each.
struct WrittenAnswer: Sendable, Hashable {
    var chunks: [String]
    var chunkTokens: [Int]

    /// Tokens in the whole answer (the sum over its chunks).
    var tokens: Int { chunkTokens.reduce(0, +) }
}

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
    /// Each sentence's words, each with its trailing space, and their token counts.
    private static let sentenceWords: [[String]] = sentences.map { $0.split(separator: " ").map { String($0) + " " } }
    private static let sentenceWordTokens: [[Int]] = sentenceWords.map { $0.map(TokenCounter.count) }
    private static let sentenceTokens: [Int] = sentences.map(TokenCounter.count)

    /// The plan of an answer: its opening line, the order of the sentences that follow, and how many
    /// of them it takes to reach the request's length. Token counts add up over words, so the
    /// length is summed sentence by sentence instead of recounting the growing text.
    private struct Plan {
        var header: String
        var order: [Int]
        var sentenceCount: Int
        var tokens: Int
    }

    private static func plan(for request: LLMRequest, tokens range: ClosedRange<Int>) -> Plan {
        var random = SeededGenerator.derived(seed: 0, key(request))
        let span = UInt64(range.upperBound - range.lowerBound + 1)
        let target = range.lowerBound + Int(random.next() % span)
        let topic = ASCIIWords.joined(request.prompt, limit: 8)
            ?? request.prompt.split(whereSeparator: \.isWhitespace).prefix(8).joined(separator: " ")
        let header = openers[Int(random.next() % UInt64(openers.count))] + " \"" + topic + "\"."
        var order = Array(sentences.indices)
        order.shuffle(using: &random)
        var tokens = TokenCounter.count(header)
        var count = 0
        while tokens < target {
            tokens += sentenceTokens[order[count % order.count]]
            count += 1
        }
        return Plan(header: header, order: order, sentenceCount: count, tokens: tokens)
    }

    /// Tokens in the answer to a request, without writing it.
    static func tokens(to request: LLMRequest, tokens range: ClosedRange<Int>) -> Int {
        plan(for: request, tokens: range).tokens
    }

    /// The answer to a request in chunks (one to three words each, every word but the last with
    /// its trailing space).
    static func answer(to request: LLMRequest, tokens range: ClosedRange<Int>) -> WrittenAnswer {
        let plan = plan(for: request, tokens: range)
        var words = headerWords(plan.header)
        var wordTokens = words.map(TokenCounter.count)
        for index in 0..<plan.sentenceCount {
            let sentence = plan.order[index % plan.order.count]
            words += sentenceWords[sentence]
            wordTokens += sentenceWordTokens[sentence]
        }
        if let last = words.indices.last {
            words[last].removeLast()
        }
        return chunks(words, wordTokens)
    }

    /// The opening line's words, each with its trailing space. An ASCII line without line breaks
    /// is split at its space bytes, which is where `split(separator: " ")` splits it too.
    private static func headerWords(_ header: String) -> [String] {
        if header.utf8.allSatisfy({ $0 < 0x80 && $0 != UInt8(ascii: "\r") && $0 != UInt8(ascii: "\n") }) {
            return header.utf8.split(separator: UInt8(ascii: " ")).map { String(decoding: $0, as: UTF8.self) + " " }
        }
        return header.split(separator: " ").map { String($0) + " " }
    }

    /// Groups words into the chunks a streaming API sends (one, two, three, one… words each).
    private static func chunks(_ words: [String], _ wordTokens: [Int]) -> WrittenAnswer {
        var result = WrittenAnswer(chunks: [], chunkTokens: [])
        result.chunks.reserveCapacity(words.count / 2 + 1)
        result.chunkTokens.reserveCapacity(words.count / 2 + 1)
        var index = 0
        var size = 1
        while index < words.count {
            let end = min(words.count, index + size)
            var text = words[index]
            var tokens = wordTokens[index]
            for next in index + 1..<end {
                text += words[next]
                tokens += wordTokens[next]
            }
            result.chunks.append(text)
            result.chunkTokens.append(tokens)
            index = end
            size = size % 3 + 1
        }
        return result
    }

    private static func key(_ request: LLMRequest) -> String {
        "\(request.model)\u{1F}\(request.systemPrompt)\u{1F}\(request.prompt)"
    }
}
