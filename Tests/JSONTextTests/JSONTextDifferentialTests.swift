import Foundation
import JSONText
import SeededRandom
import XCTest

/// JSONText's string literals against Foundation's JSON: every literal parses back (with
/// JSONSerialization and JSONDecoder) to the original, and matches JSONEncoder's literal byte for
/// byte wherever the two escape the same way.
final class JSONTextDifferentialTests: XCTestCase {
    /// Characters chosen to hit every escape: controls, quote, backslash, slash, DEL, C1 controls,
    /// two- three- and four-byte UTF-8, a combining mark, the line separators JSON leaves alone.
    private static let alphabet: [Character] = {
        var pool: [Character] = (0..<0x20).map { Character(Unicode.Scalar(UInt8($0))) }
        pool += [
            "\"", "\\", "/", "a", "Z", "0", " ", "\u{7F}", "\u{80}", "\u{9F}", "é", "ß", "€", "中", "🙂", "\u{301}",
            "\u{2028}", "\u{2029}", "\u{FEFF}", "\u{10FFFF}",
        ]
        return pool
    }()

    private func randomStrings(count: Int, seed: UInt64) -> [String] {
        var random = SplitMix64(seed: seed)
        return (0..<count).map { _ in
            let length = Int.random(in: 0...24, using: &random)
            return String((0..<length).map { _ in Self.alphabet.randomElement(using: &random) ?? "a" })
        }
    }

    /// JSONSerialization on Linux drops U+FEFF wherever it stands (JSONDecoder keeps it), so the
    /// strings compared with it leave that one character out.
    func testLiteralsParseBackWithJSONSerialization() throws {
        let strings = randomStrings(count: 2_000, seed: 1).map {
            String(String.UnicodeScalarView($0.unicodeScalars.filter { $0 != "\u{FEFF}" }))
        }
        for text in strings + ["", "plain", "\u{0}"] {
            let literal = JSONText.string(text)
            let parsed = try JSONSerialization.jsonObject(with: Data("[\(literal)]".utf8)) as? [String]
            XCTAssertEqual(parsed, [text], literal)
        }
    }

    func testLiteralsDecodeWithJSONDecoder() throws {
        for text in randomStrings(count: 2_000, seed: 2) {
            let literal = JSONText.string(text)
            XCTAssertEqual(try JSONDecoder().decode(String.self, from: Data(literal.utf8)), text, literal)
        }
    }

    /// Where JSONEncoder escapes as JSONText does (no backspace or form feed, which it writes as
    /// `\b` and `\f`, and no slash, which it escapes), the bytes are the same.
    func testLiteralsMatchJSONEncoderByteForByte() throws {
        let encoder = JSONEncoder()
        var compared = 0
        for text in randomStrings(count: 2_000, seed: 3)
        where !text.unicodeScalars.contains(where: { [0x08, 0x0C, 0x2F].contains($0.value) }) {
            let expected = String(decoding: try encoder.encode(text), as: UTF8.self)
            XCTAssertEqual(JSONText.string(text), expected)
            compared += 1
        }
        XCTAssertGreaterThan(compared, 200)
    }

    /// The fast path (nothing to escape) and the escaping path agree with Foundation on the same text.
    func testFastPathLeavesNonASCIIAsIs() {
        XCTAssertEqual(JSONText.string("émoji 🙂 中"), "\"émoji 🙂 中\"")
        XCTAssertEqual(JSONText.string("tab\t\u{1}é"), "\"tab\\t\\u0001é\"")
    }
}
