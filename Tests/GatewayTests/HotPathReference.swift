import Crypto
import Foundation
import RateLimit
import SeededRandom

@testable import Gateway
@testable import Labs

/// The straightforward implementations the gateway's hot path replaced, kept to test the fast
/// ones against: same inputs, same outputs.
enum HotPathReference {
    static func normalise(_ prompt: String) -> String {
        prompt.split(whereSeparator: \.isWhitespace).joined(separator: " ").lowercased()
    }

    static func exactKey(_ request: LLMRequest) -> String {
        let material = [
            request.tenant, request.model, request.systemPrompt,
            "temperature=\(request.temperature)", "max_tokens=\(request.maxTokens)",
            normalise(request.prompt),
        ].joined(separator: "\u{1F}")
        let digest = SHA256.hash(data: Array(material.utf8))
        return "llm:exact:"
            + digest.map { byte in
                let hex = String(byte, radix: 16)
                return byte < 16 ? "0" + hex : hex
            }.joined()
    }

    static func encoded(_ answer: CachedAnswer) -> String? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(answer) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    static func decode(_ bytes: [UInt8]) -> CachedAnswer? {
        try? JSONDecoder().decode(CachedAnswer.self, from: Data(bytes))
    }

    /// The answer's chunks as the first AnswerWriter wrote them: recount the growing text after
    /// every sentence, split it into words, group the words. The phrases are AnswerWriter's own.
    static func answerChunks(to request: LLMRequest, tokens range: ClosedRange<Int>) -> [String] {
        var random = SeededGenerator.derived(
            seed: 0, "\(request.model)\u{1F}\(request.systemPrompt)\u{1F}\(request.prompt)")
        let span = UInt64(range.upperBound - range.lowerBound + 1)
        let target = range.lowerBound + Int(random.next() % span)
        let topic = request.prompt.split(whereSeparator: \.isWhitespace).prefix(8).joined(separator: " ")
        let openers = AnswerWriter.openers
        var text = openers[Int(random.next() % UInt64(openers.count))] + " \"" + topic + "\"."
        let sentences = AnswerWriter.sentences
        var order = Array(sentences.indices)
        order.shuffle(using: &random)
        var next = 0
        while TokenCounter.count(text) < target {
            text += " " + sentences[order[next % order.count]]
            next += 1
        }
        let spaced = text.split(separator: " ").map { String($0) + " " }
        let words = spaced.enumerated().map { index, word in index == spaced.count - 1 ? String(word.dropLast()) : word
        }
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
}

/// The simulated model as it was before calls kept only their answer's plan: every chunk written
/// and timed at once.
struct ReferenceLLM {
    var profile: LLMProfile
    var random: SeededGenerator

    init(profile: LLMProfile, seed: UInt64) {
        self.profile = profile
        random = SeededGenerator.derived(seed: seed, "llm")
    }

    mutating func call(
        _ request: LLMRequest, stream: Bool
    ) -> (chunks: [LLMChunk], outcome: LLMOutcome, output: Int, totalMs: Double, cost: Double) {
        let input = request.inputTokens
        let ttft = profile.timeToFirstTokenMs * jitter()
        if random.unit() < profile.failureRate {
            return ([], .failed(status: 500), 0, ttft, 0)
        }
        let answer = AnswerWriter.answer(to: request, tokens: profile.answerTokens)
        var chunks: [LLMChunk] = []
        var clock = ttft
        for (index, text) in answer.chunks.enumerated() {
            if index > 0 { clock += profile.perTokenMs * Double(answer.chunkTokens[index]) * jitter() }
            chunks.append(LLMChunk(text: text, atMs: clock))
        }
        var outcome = LLMOutcome.complete
        var output = answer.tokens
        if stream, random.unit() < profile.abortRate, chunks.count > 1 {
            let kept = 1 + Int(random.next() % UInt64(chunks.count - 1))
            chunks.removeLast(chunks.count - kept)
            outcome = .aborted(afterChunks: kept)
            output = answer.chunkTokens[..<kept].reduce(0, +)
        }
        return (
            chunks, outcome, output, chunks.last?.atMs ?? ttft,
            profile.prices.cost(inputTokens: input, outputTokens: output)
        )
    }

    private mutating func jitter() -> Double {
        1 + profile.jitter * (2 * random.unit() - 1)
    }
}
