import SeededRandom
import XCTest

@testable import Gateway
@testable import Labs

final class IdentifierGuardTests: XCTestCase {
    private let rule = IdentifierGuard.numbers

    /// Whether the two prompts land in the same cache partition.
    private func sameKey(_ prompt: String, _ stored: String) -> Bool {
        rule.partitionKey(for: prompt) == rule.partitionKey(for: stored)
    }

    func testSameIdentifiersAreServed() {
        XCTAssertTrue(sameKey("My order #48213 has not arrived yet", "Where is order 48213? It has not arrived"))
        XCTAssertTrue(sameKey("How do I reset my password?", "I forgot my password, how can I change it?"))
        XCTAssertTrue(sameKey("How do I turn on 2FA?", "how do i turn on 2fa"), "case does not matter")
    }

    func testDifferentIdentifiersAreRefused() {
        XCTAssertFalse(sameKey("My order #48213 has not arrived yet", "My order #59122 has not arrived yet"))
        XCTAssertFalse(sameKey("Convert 10 miles to km", "Convert 15 miles to km"))
        XCTAssertFalse(sameKey("Show invoice INV-2024-0042", "Show invoice INV-2024-0043"))
        XCTAssertFalse(sameKey("What changed in v2?", "What changed in v3?"))
        XCTAssertFalse(sameKey("Pay 3.5 dollars", "Pay 3.6 dollars"))
    }

    func testAMissingIdentifierOnEitherSideIsRefused() {
        XCTAssertFalse(sameKey("Why was I charged 40 dollars?", "Why was I charged?"))
        XCTAssertFalse(sameKey("Why was I charged?", "Why was I charged 40 dollars?"))
    }

    func testIdentifiersAreAMultisetInAnyOrder() {
        XCTAssertTrue(sameKey("Move 5 seats from team 12", "From team 12, move 5 seats"))
        XCTAssertFalse(sameKey("Add 5 and 5", "Add 5"), "a repeated number counts twice")
    }

    func testPunctuationAroundAndInsideIdentifiers() {
        XCTAssertEqual(
            IdentifierGuard.identifiers(in: "Order #48213? (ref: INV-2024-0042), v2."),
            ["48213", "inv-2024-0042", "v2"])
        XCTAssertEqual(
            IdentifierGuard.identifiers(in: "Version 1.2.3 on api/v1 at 10:30"), ["1.2.3", "10:30", "api/v1"])
        XCTAssertEqual(IdentifierGuard.identifiers(in: "a - 7 -- b"), ["7"], "a joiner needs a token on both sides")
        XCTAssertEqual(IdentifierGuard.identifiers(in: "$1,000"), ["000", "1"], "a comma separates")
        XCTAssertEqual(IdentifierGuard.identifiers(in: "No numbers here, e.g. none."), [])
    }

    func testDecimalDigitsOfAnyScriptCountAsTheirValue() {
        XCTAssertEqual(IdentifierGuard.identifiers(in: "طلب ٤٨٢١٣"), ["48213"])
        XCTAssertTrue(sameKey("Order ４８２１３", "Order 48213"), "full-width digits")
        XCTAssertEqual(
            IdentifierGuard.identifiers(in: "½ of Ⅻ and ③"), [], "fractions, Roman and circled numerals are not digits")
    }

    func testOffKeepsIdentifiersOutOfThePartition() {
        XCTAssertNil(IdentifierGuard.off.partitionKey(for: "My order #48213"))
        XCTAssertEqual(
            rule.partitionKey(for: "How do I reset my password?"), "", "prompts without identifiers share one")
    }

    func testTheASCIIShortcutMatchesTheGeneralRule() {
        var random = SplitMix64(seed: 48213)
        let alphabet = Array("aZ09 #-._/:,?$()".utf8)
        for _ in 0..<20_000 {
            let bytes = (0..<Int(random.next() % 30)).map { _ -> UInt8 in
                random.next() % 3 == 0
                    ? UInt8(random.next() % 128) : alphabet[Int(random.next() % UInt64(alphabet.count))]
            }
            let text = String(decoding: bytes, as: UTF8.self)
            XCTAssertEqual(
                IdentifierGuard.identifiers(in: text), IdentifierGuard.generalIdentifiers(in: text),
                text.debugDescription)
        }
    }
}
