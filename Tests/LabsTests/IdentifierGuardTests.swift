import XCTest

@testable import Labs

final class IdentifierGuardTests: XCTestCase {
    private let rule = IdentifierGuard.numbers

    func testSameIdentifiersAreServed() {
        XCTAssertTrue(rule.allows("My order #48213 has not arrived yet", storedPrompt: "Where is order 48213? It has not arrived"))
        XCTAssertTrue(rule.allows("How do I reset my password?", storedPrompt: "I forgot my password, how can I change it?"))
        XCTAssertTrue(rule.allows("How do I turn on 2FA?", storedPrompt: "how do i turn on 2fa"), "case does not matter")
    }

    func testDifferentIdentifiersAreRefused() {
        XCTAssertFalse(rule.allows("My order #48213 has not arrived yet", storedPrompt: "My order #59122 has not arrived yet"))
        XCTAssertFalse(rule.allows("Convert 10 miles to km", storedPrompt: "Convert 15 miles to km"))
        XCTAssertFalse(rule.allows("Show invoice INV-2024-0042", storedPrompt: "Show invoice INV-2024-0043"))
        XCTAssertFalse(rule.allows("What changed in v2?", storedPrompt: "What changed in v3?"))
        XCTAssertFalse(rule.allows("Pay 3.5 dollars", storedPrompt: "Pay 3.6 dollars"))
    }

    func testAMissingIdentifierOnEitherSideIsRefused() {
        XCTAssertFalse(rule.allows("Why was I charged 40 dollars?", storedPrompt: "Why was I charged?"))
        XCTAssertFalse(rule.allows("Why was I charged?", storedPrompt: "Why was I charged 40 dollars?"))
    }

    func testIdentifiersAreAMultisetInAnyOrder() {
        XCTAssertTrue(rule.allows("Move 5 seats from team 12", storedPrompt: "From team 12, move 5 seats"))
        XCTAssertFalse(rule.allows("Add 5 and 5", storedPrompt: "Add 5"), "a repeated number counts twice")
    }

    func testPunctuationAroundAndInsideIdentifiers() {
        XCTAssertEqual(IdentifierGuard.identifiers(in: "Order #48213? (ref: INV-2024-0042), v2."), ["48213", "inv-2024-0042", "v2"])
        XCTAssertEqual(IdentifierGuard.identifiers(in: "Version 1.2.3 on api/v1 at 10:30"), ["1.2.3", "10:30", "api/v1"])
        XCTAssertEqual(IdentifierGuard.identifiers(in: "a - 7 -- b"), ["7"], "a joiner needs a token on both sides")
        XCTAssertEqual(IdentifierGuard.identifiers(in: "$1,000"), ["000", "1"], "a comma separates")
        XCTAssertEqual(IdentifierGuard.identifiers(in: "No numbers here, e.g. none."), [])
    }

    func testDecimalDigitsOfAnyScriptCountAsTheirValue() {
        XCTAssertEqual(IdentifierGuard.identifiers(in: "طلب ٤٨٢١٣"), ["48213"])
        XCTAssertTrue(rule.allows("Order ４８２１３", storedPrompt: "Order 48213"), "full-width digits")
        XCTAssertEqual(IdentifierGuard.identifiers(in: "½ of Ⅻ and ③"), [], "fractions, Roman and circled numerals are not digits")
    }

    func testOffServesEveryHit() {
        XCTAssertTrue(IdentifierGuard.off.allows("My order #48213", storedPrompt: "My order #59122"))
    }
}
