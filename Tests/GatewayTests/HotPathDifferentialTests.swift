import Foundation
import SeededRandom
import Semantic
import XCTest

@testable import Gateway
@testable import Labs

/// The gateway's fast paths against the plain implementations they replaced, on random inputs
/// full of the awkward cases: Unicode whitespace, combining marks, escapes, surrogates.
final class HotPathDifferentialTests: XCTestCase {
    private static let pieces = [
        "a", "Z", "Reset", "PASSWORD?", "42", " ", "  ", "\t", "\n", "\r\n", "\r", "\u{0B}", "\u{0C}", "\u{1C}",
        "\u{1F}", "\u{85}", "\u{A0}", "\u{1680}", "\u{2000}", "\u{200B}", "\u{2028}", "\u{3000}", "\u{301}",
        "\u{600}", "é", "E\u{301}", "İ", "ß", "Σ", "😀", "🇺🇸", "\u{200D}", "\"", "\\", "/", "\u{0}", "\u{7F}", "\u{FEFF}",
    ]

    private func randomText(_ random: inout SplitMix64, maxPieces: Int = 12) -> String {
        let count = random.below(maxPieces + 1)
        return (0..<count).map { _ in Self.pieces[random.below(Self.pieces.count)] }.joined()
    }

    private func asciiText(_ random: inout SplitMix64) -> String {
        let count = random.below(40)
        return String(decoding: (0..<count).map { _ in UInt8(random.below(0x80)) }, as: UTF8.self)
    }

    func testNormaliseMatchesTheCharacterBasedRule() {
        var random = SplitMix64(seed: 7)
        for _ in 0..<20_000 {
            let prompt = random.below(2) == 0 ? randomText(&random) : asciiText(&random)
            XCTAssertEqual(
                CacheKey.normalise(prompt), HotPathReference.normalise(prompt), "prompt \(Array(prompt.unicodeScalars))"
            )
        }
        XCTAssertEqual(CacheKey.normalise("  Reset my \t Password?\r\n"), "reset my password?")
    }

    func testExactKeysAreUnchanged() {
        var random = SplitMix64(seed: 8)
        for _ in 0..<2_000 {
            let request = LLMRequest(
                tenant: "tenant-\(random.below(3))", model: random.below(2) == 0 ? "gpt-4o" : "gpt-4o-mini",
                prompt: randomText(&random), temperature: Double(random.below(3)) / 2,
                maxTokens: 64 * (1 + random.below(8)))
            XCTAssertEqual(CacheKey.exact(request), HotPathReference.exactKey(request))
        }
    }

    func testAnswersAndTheirTokenCountsAreUnchanged() {
        var random = SplitMix64(seed: 9)
        let profile = LLMProfile()
        for round in 0..<1_000 {
            let prompt = round % 3 == 0 ? randomText(&random, maxPieces: 30) : asciiText(&random)
            let request = LLMRequest(tenant: "t", prompt: prompt)
            let range = round % 2 == 0 ? profile.answerTokens : 1...(1 + random.below(400))
            let answer = AnswerWriter.answer(to: request, tokens: range)
            XCTAssertEqual(answer.chunks, HotPathReference.answerChunks(to: request, tokens: range))
            XCTAssertEqual(answer.chunkTokens, answer.chunks.map(TokenCounter.count))
            XCTAssertEqual(AnswerWriter.tokens(to: request, tokens: range), TokenCounter.count(answer.chunks.joined()))
        }
    }

    func testPlannedAnswersMatchTheirWrittenChunks() {
        var random = SplitMix64(seed: 13)
        for round in 0..<1_000 {
            let prompt = round % 3 == 0 ? randomText(&random, maxPieces: 30) : asciiText(&random)
            let range = round % 2 == 0 ? LLMProfile().answerTokens : 1...(1 + random.below(400))
            let plan = AnswerWriter.plan(for: LLMRequest(tenant: "t", prompt: prompt), tokens: range)
            let written = AnswerWriter.written(plan)
            XCTAssertEqual(
                AnswerWriter.chunkTokens(of: plan), written.chunkTokens, "prompt \(Array(prompt.unicodeScalars))")
            XCTAssertEqual(
                AnswerWriter.text(of: plan), written.chunks.joined(), "prompt \(Array(prompt.unicodeScalars))")
        }
    }

    func testSimulatedCallsMatchTheEagerModel() {
        var random = SplitMix64(seed: 14)
        for seed in 0..<6 {
            let profile = LLMProfile(failureRate: seed % 3 == 0 ? 0.1 : 0, abortRate: seed % 2 == 0 ? 0.3 : 0.02)
            var llm = SimulatedLLM(profile: profile, seed: UInt64(seed))
            var reference = ReferenceLLM(profile: profile, seed: UInt64(seed))
            for round in 0..<300 {
                let prompt = round % 4 == 0 ? randomText(&random, maxPieces: 20) : asciiText(&random)
                let request = LLMRequest(tenant: "t", prompt: prompt)
                let stream = random.below(2) == 0
                let call = llm.call(request, stream: stream)
                let expected = reference.call(request, stream: stream)
                XCTAssertEqual(call.chunks, expected.chunks)
                XCTAssertEqual(call.text, expected.chunks.map(\.text).joined())
                XCTAssertEqual(call.outcome, expected.outcome)
                XCTAssertEqual(call.outputTokens, expected.output)
                XCTAssertEqual(call.totalMs, expected.totalMs)
                XCTAssertEqual(call.costUSD, expected.cost)
            }
        }
    }

    func testTheLLMStageAnswersAlikeWithAndWithoutAListener() async throws {
        let profile = LLMProfile(failureRate: 0.05, abortRate: 0.2)
        let quiet = LLMStage(SimulatedLLM(profile: profile, seed: 5))
        let listened = LLMStage(SimulatedLLM(profile: profile, seed: 5))
        var random = SplitMix64(seed: 15)
        for round in 0..<300 {
            var request = GatewayRequest(
                request: LLMRequest(prompt: asciiText(&random)), apiKey: "k", clientAddress: "10.0.0.1",
                stream: round % 2 == 0, atMs: Int64(round))
            let plain = try await quiet.answer(request)
            request.onChunk = { _, _ in }
            let forwarded = try await listened.answer(request)
            XCTAssertEqual(plain.text, forwarded.text)
            XCTAssertEqual(plain.chunks, forwarded.chunks)
            XCTAssertEqual(plain.status, forwarded.status)
            XCTAssertEqual(plain.latencyMs, forwarded.latencyMs)
            XCTAssertEqual(plain.complete, forwarded.complete)
            XCTAssertEqual(plain.llmCall, forwarded.llmCall)
        }
    }

    func testTheMemoGivesTheEmbeddersOwnVectorsInBothForms() throws {
        let lexical = LexicalEmbedder()
        let memo = MemoizingEmbedder(lexical)
        var random = SplitMix64(seed: 16)
        let texts = (0..<200).map { _ in asciiText(&random) }
        for text in texts + texts {
            XCTAssertEqual(try memo.sparseEmbedding(text), try lexical.sparseEmbedding(text))
            XCTAssertEqual(try memo.embed(text), try lexical.embed(text))
        }
    }

    private func randomAnswer(_ random: inout SplitMix64) -> CachedAnswer {
        let created: Int64 =
            switch random.below(4) {
            case 0: Int64.min
            case 1: Int64.max
            case 2: 0
            default: Int64(bitPattern: random.next()) >> random.below(64)
            }
        return CachedAnswer(
            text: randomText(&random, maxPieces: 40), model: randomText(&random, maxPieces: 3),
            intent: random.below(3) == 0 ? nil : randomText(&random, maxPieces: 4), createdMs: created)
    }

    func testEncodingIsWhatJSONEncoderWrites() {
        var random = SplitMix64(seed: 10)
        for _ in 0..<3_000 {
            let answer = randomAnswer(&random)
            XCTAssertEqual(answer.encoded, HotPathReference.encoded(answer))
        }
    }

    func testDecodingAgreesWithJSONDecoderOnWellFormedEntries() throws {
        var random = SplitMix64(seed: 11)
        let styles: [JSONEncoder.OutputFormatting] = [
            [], [.sortedKeys], [.prettyPrinted], [.withoutEscapingSlashes, .prettyPrinted],
        ]
        for round in 0..<3_000 {
            let answer = randomAnswer(&random)
            let encoder = JSONEncoder()
            encoder.outputFormatting = styles[round % styles.count]
            let bytes = Array(try encoder.encode(answer))
            XCTAssertEqual(CachedAnswer.decode(bytes), answer)
            XCTAssertEqual(CachedAnswer.decode(Array(answer.encoded.utf8)), answer)
        }
    }

    func testDecodingAgreesWithJSONDecoderOnHandWrittenAndBrokenEntries() {
        let samples = [
            #"{"text":"a","model":"m","created_ms":1}"#,
            #" { "model" : "m" , "text" : "\u00e9\ud83d\ude00\/\b\f\n\r\t\"\\" , "intent" : null , "created_ms" : -0 } "#,
            #"{"text":"a","model":"m","created_ms":1.0}"#, #"{"text":"a","model":"m","created_ms":1e2}"#,
            #"{"text":"a","model":"m","created_ms":01}"#, #"{"text":"a","text":"b","model":"m","created_ms":1}"#,
            #"{"text":"\ud800","model":"m","created_ms":1}"#, #"{"text":"\udc00x","model":"m","created_ms":1}"#,
            #"{"text":"a","model":"m","created_ms":1,"intent":5}"#,
            #"{"text":"a","model":"m","created_ms":1,"extra":[1,{"x":2}]}"#,
            #"{"text":"a","model":"m","created_ms":9223372036854775808}"#,
            #"{"text":"a","model":"m","created_ms":-9223372036854775808}"#,
            #"{"text":"a","model":"m"}"#, #"{"text":"a","model":"m","created_ms":1} x"#, #"[1]"#, "", "null",
            #"{"text":"a\u0000","model":"m","created_ms":1}"#,
            "{\"text\":\"raw\ttab\",\"model\":\"m\",\"created_ms\":1}", #"{"text":"\x","model":"m","created_ms":1}"#,
        ]
        for sample in samples {
            XCTAssertEqual(CachedAnswer.decode(Array(sample.utf8)), HotPathReference.decode(Array(sample.utf8)), sample)
        }
        XCTAssertNil(CachedAnswer.decode([0x7B, 0x22, 0xFF, 0x22]))
        var random = SplitMix64(seed: 12)
        for _ in 0..<3_000 {
            var bytes = Array(randomAnswer(&random).encoded.utf8)
            switch random.below(3) {
            case 0: bytes.removeLast(random.below(bytes.count))
            case 1: bytes[random.below(bytes.count)] = UInt8(random.below(256))
            default: bytes.insert(UInt8(random.below(128)), at: random.below(bytes.count + 1))
            }
            XCTAssertEqual(CachedAnswer.decode(bytes), HotPathReference.decode(bytes), "\(bytes)")
        }
    }
}
