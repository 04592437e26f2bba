import SeededRandom
import XCTest

@testable import Semantic

/// The byte-level shortcuts for ASCII prompts must give exactly what the general Unicode paths give.
final class ASCIIShortcutTests: XCTestCase {
    /// Seeded random ASCII texts over every byte 0–127, weighted towards letters, digits and whitespace.
    private func asciiTexts(count: Int) -> [String] {
        var random = SplitMix64(seed: 2026)
        let common = Array("aZ9 \t\n\r\u{0B}\u{0C}#-.,?!'".utf8)
        return (0..<count).map { _ in
            let length = Int(random.next() % 40)
            let bytes = (0..<length).map { _ -> UInt8 in
                random.next() % 2 == 0 ? common[Int(random.next() % UInt64(common.count))] : UInt8(random.next() % 128)
            }
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    func testLexicalWordsAndNormalisationMatchTheUnicodePath() {
        for text in asciiTexts(count: 20_000) + ["", "  ", "Reset MY password?", "order #48213", "\r\n"] {
            XCTAssertEqual(
                LexicalFeatures.words(in: text), LexicalFeatures.unicodeWords(in: text), text.debugDescription)
            XCTAssertEqual(
                LexicalFeatures.normalise(text), LexicalFeatures.unicodeNormalise(text), text.debugDescription)
        }
    }

    func testPromptNormaliserMatchesCharacterSplitting() {
        for text in asciiTexts(count: 20_000) + ["", "  How do I  RESET my password?\r\n"] {
            let expected = text.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
            XCTAssertEqual(PromptNormaliser.normalise(text), expected, text.debugDescription)
        }
    }
}
