import Gateway
import RateLimit
import SeededRandom
import Semantic

/// A written answer as a streaming API sends it: chunks of one to three words and the tokens in each.
struct WrittenAnswer: Sendable, Hashable {
    var chunks: [String]
    var chunkTokens: [Int]

    /// Tokens in the whole answer (the sum over its chunks).
    var tokens: Int { chunkTokens.reduce(0, +) }
}

/// The plan of an answer: its opening line, the order of the sentences that follow, and how many
/// of them it takes to reach the request's length. Token counts add up over words, so the
/// length is summed sentence by sentence instead of recounting the growing text. A plan is all a
/// simulated call keeps; its chunk strings are written only when someone reads them.
struct AnswerPlan: Sendable, Hashable {
    var header: String
    var order: [Int]
    var sentenceCount: Int
    var tokens: Int
}

/// Writes the simulated model's answers: plausible support-desk prose whose words and
/// length depend only on the request, so equal requests always get equal answers.
enum AnswerWriter {
    static let openers = [
        "Here is how to handle", "Good question about", "Happy to help with", "Let's sort out",
    ]
    static let sentences = [
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

    /// With `namesTenant` the opening line starts with the tenant ("tenant-2: …"), as an answer drawn from
    /// that customer's own documents would; a request's context, when it has one, is followed like an
    /// instruction (the model repeats it), which is what makes it dangerous to cache.
    static func plan(for request: LLMRequest, tokens range: ClosedRange<Int>, namesTenant: Bool = false) -> AnswerPlan {
        var random = SeededGenerator(seed: keyHash(request))
        let span = UInt64(range.upperBound - range.lowerBound + 1)
        let target = range.lowerBound + Int(random.next() % span)
        let topic =
            ASCIIWords.joined(request.prompt, limit: 8)
            ?? request.prompt.split(whereSeparator: \.isWhitespace).prefix(8).joined(separator: " ")
        var header = openers[Int(random.next() % UInt64(openers.count))] + " \"" + topic + "\"."
        if namesTenant { header = request.tenant + ": " + header }
        if !request.context.isEmpty { header += " " + request.context }
        var order = Array(sentences.indices)
        order.shuffle(using: &random)
        var tokens = TokenCounter.count(header)
        var count = 0
        while tokens < target {
            tokens += sentenceTokens[order[count % order.count]]
            count += 1
        }
        return AnswerPlan(header: header, order: order, sentenceCount: count, tokens: tokens)
    }

    /// Tokens in the answer to a request, without writing it.
    static func tokens(to request: LLMRequest, tokens range: ClosedRange<Int>, namesTenant: Bool = false) -> Int {
        plan(for: request, tokens: range, namesTenant: namesTenant).tokens
    }

    /// The answer to a request in chunks (one to three words each, every word but the last with
    /// its trailing space).
    static func answer(to request: LLMRequest, tokens range: ClosedRange<Int>) -> WrittenAnswer {
        written(plan(for: request, tokens: range))
    }

    /// The chunks of a planned answer.
    static func written(_ plan: AnswerPlan) -> WrittenAnswer {
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

    /// The tokens of each chunk of `written(plan)`, without writing the chunks.
    static func chunkTokens(of plan: AnswerPlan) -> [Int] {
        var result: [Int] = []
        result.reserveCapacity(plan.tokens / 2 + 2)
        var size = 1
        var filled = 0
        var current = 0
        func add(_ tokens: Int) {
            current += tokens
            filled += 1
            if filled == size {
                result.append(current)
                current = 0
                filled = 0
                size = size % 3 + 1
            }
        }
        if let lengths = asciiHeaderWordLengths(plan.header) {
            for length in lengths { add((length + 3) / 4) }
        } else {
            for word in headerWords(plan.header) { add(TokenCounter.count(word)) }
        }
        for index in 0..<plan.sentenceCount {
            for tokens in sentenceWordTokens[plan.order[index % plan.order.count]] { add(tokens) }
        }
        if filled > 0 { result.append(current) }
        return result
    }

    /// The whole answer, `written(plan).chunks.joined()`: for an ASCII opening line, its words joined
    /// by single spaces, then the sentences, each after one space.
    static func text(of plan: AnswerPlan) -> String {
        guard isPlainASCII(plan.header) else { return written(plan).chunks.joined() }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(plan.tokens * 6)
        var header = plan.header
        header.withUTF8 { utf8 in
            var pendingSpace = false
            for byte in utf8 {
                if byte == UInt8(ascii: " ") {
                    pendingSpace = !bytes.isEmpty
                } else {
                    if pendingSpace { bytes.append(UInt8(ascii: " ")) }
                    pendingSpace = false
                    bytes.append(byte)
                }
            }
        }
        for index in 0..<plan.sentenceCount {
            if !bytes.isEmpty { bytes.append(UInt8(ascii: " ")) }
            bytes.append(contentsOf: sentenceBytes[plan.order[index % plan.order.count]])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static let sentenceBytes: [[UInt8]] = sentences.map { Array($0.utf8) }

    /// The byte length of each word of an ASCII opening line (split at spaces), or nil for any other line.
    /// Such a word holds no space or line feed, so it counts `(length + 3) / 4` tokens.
    private static func asciiHeaderWordLengths(_ header: String) -> [Int]? {
        var header = header
        return header.withUTF8 { utf8 -> [Int]? in
            var lengths: [Int] = []
            lengths.reserveCapacity(16)
            var run = 0
            for byte in utf8 {
                if byte >= 0x80 || byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "\n") { return nil }
                if byte == UInt8(ascii: " ") {
                    if run > 0 { lengths.append(run) }
                    run = 0
                } else {
                    run += 1
                }
            }
            if run > 0 { lengths.append(run) }
            return lengths
        }
    }

    /// ASCII without line breaks: the lines `headerWords` splits at their space bytes.
    private static func isPlainASCII(_ header: String) -> Bool {
        var header = header
        return header.withUTF8 { utf8 in
            utf8.allSatisfy { $0 < 0x80 && $0 != UInt8(ascii: "\r") && $0 != UInt8(ascii: "\n") }
        }
    }

    /// The opening line's words, each with its trailing space. An ASCII line without line breaks
    /// is split at its space bytes, which is where `split(separator: " ")` splits it too.
    private static func headerWords(_ header: String) -> [String] {
        if isPlainASCII(header) {
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

    /// The answer's seed: `SeededGenerator.derived(seed: 0, "model␟system prompt␟prompt")`, hashed
    /// from the three strings without joining them.
    private static func keyHash(_ request: LLMRequest) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        func add(_ byte: UInt8) { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        for byte in request.model.utf8 { add(byte) }
        add(0x1F)
        for byte in request.systemPrompt.utf8 { add(byte) }
        add(0x1F)
        for byte in request.prompt.utf8 { add(byte) }
        return hash
    }
}

extension AnswerPlan: PlannedAnswer {
    package func chunkTexts() -> [String] { AnswerWriter.written(self).chunks }

    package func wholeText() -> String { AnswerWriter.text(of: self) }
}
