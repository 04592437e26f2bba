import SeededRandom
import XCTest

@testable import CourseKit

final class DisplayAndParsingTests: XCTestCase {
    private func question(_ quiz: String, _ id: String) throws -> Question {
        try XCTUnwrap(try Fixtures.loadValid().quiz(id: quiz)?.question(id: id))
    }

    /// SplitMix64's published first outputs for seed 0 (the reference implementation's values).
    func testSplitMix64MatchesTheReferenceSequence() {
        var generator = SplitMix64(seed: 0)
        XCTAssertEqual(generator.next(), 0xE220_A839_7B1D_CDAF)
        XCTAssertEqual(generator.next(), 0x6E78_9E6A_A1B9_65F4)
        XCTAssertEqual(generator.next(), 0x06C4_5D18_8009_454F)
    }

    func testShuffleIsDeterministicPerSeedAndLabelsMapToFileKeys() throws {
        let single = try question("caching", "benefit")
        let first = single.displayOptions(seed: 42)
        XCTAssertEqual(first, single.displayOptions(seed: 42))
        XCTAssertEqual(first.map(\.label), ["a", "b", "c"])
        XCTAssertEqual(Set(first.map(\.key)), ["a", "b", "c"])
        let orders = Set((0..<50).map { single.displayOptions(seed: UInt64($0)).map(\.key) })
        XCTAssertEqual(orders.count, 6, "every permutation of three options appears over 50 seeds")
        for choice in first {
            XCTAssertEqual(single.option(key: choice.key)?.text, choice.text)
        }
    }

    func testOrderItemsAreNeverShownAlreadySorted() throws {
        let order = try question("limits", "steps")
        for seed in 0..<200 {
            let shown = order.displayItems(seed: UInt64(seed))
            XCTAssertEqual(shown.map(\.label), ["1", "2", "3"])
            XCTAssertNotEqual(shown.map(\.key), ["refill", "check", "take"])
        }
    }

    func testTypedChoicesMapBackToFileKeys() throws {
        let single = try question("caching", "benefit")
        let seed: UInt64 = 7
        let shown = single.displayOptions(seed: seed)
        let correctLabel = try XCTUnwrap(shown.first { $0.key == "a" }?.label)
        XCTAssertEqual(try single.parseResponse(correctLabel, seed: seed), .option("a"))
        XCTAssertEqual(try single.parseResponse(" \(correctLabel.uppercased()) ", seed: seed), .option("a"))
        XCTAssertThrowsError(try single.parseResponse("a b", seed: seed)) { error in
            XCTAssertEqual("\(error)", "this question has one right answer: type a single letter")
        }
        XCTAssertThrowsError(try single.parseResponse("q", seed: seed)) { error in
            XCTAssertEqual("\(error)", "`q` is not one of the shown choices (a, b, c)")
        }
        XCTAssertThrowsError(try single.parseResponse("  ", seed: seed))

        let multiple = try question("caching", "why-ttl")
        let labels = multiple.displayOptions(seed: seed)
        let typed = labels.filter { $0.key != "b" }.map(\.label).joined(separator: " ")
        guard case .options(let keys) = try multiple.parseResponse(typed, seed: seed) else { return XCTFail() }
        XCTAssertEqual(Set(keys), ["a", "c"])
        XCTAssertThrowsError(try multiple.parseResponse("a a", seed: seed)) { error in
            XCTAssertEqual("\(error)", "`a` is given twice: name each choice once")
        }
    }

    func testTypedOrderNeedsEveryNumberOnce() throws {
        let order = try question("limits", "steps")
        let seed: UInt64 = 3
        let shown = order.displayItems(seed: seed)
        let right = ["refill", "check", "take"].compactMap { key in shown.first { $0.key == key }?.label }
        XCTAssertEqual(
            try order.parseResponse(right.joined(separator: " "), seed: seed), .order(["refill", "check", "take"]))
        XCTAssertEqual(
            try order.parseResponse(right.joined(separator: ","), seed: seed), .order(["refill", "check", "take"]))
        XCTAssertThrowsError(try order.parseResponse("1 2", seed: seed)) { error in
            XCTAssertEqual("\(error)", "type all 3 numbers, each once, in the right order (e.g. `3 2 1`)")
        }
        XCTAssertThrowsError(try order.parseResponse("1 2 4", seed: seed))
        XCTAssertThrowsError(try order.parseResponse("1 1 2", seed: seed))
    }

    func testTypedNumbersWithAndWithoutUnits() throws {
        let numeric = try question("limits", "refill")
        XCTAssertEqual(try numeric.parseResponse("5", seed: 0), .number(5, unit: nil))
        XCTAssertEqual(try numeric.parseResponse("5 s", seed: 0), .number(5, unit: "s"))
        XCTAssertEqual(try numeric.parseResponse("5s", seed: 0), .number(5, unit: "s"))
        XCTAssertEqual(try numeric.parseResponse("-0.5", seed: 0), .number(-0.5, unit: nil))
        XCTAssertEqual(try numeric.parseResponse("1e3", seed: 0), .number(1000, unit: nil))
        XCTAssertThrowsError(try numeric.parseResponse("1e3 ms", seed: 0))
        XCTAssertThrowsError(try numeric.parseResponse("2 requests", seed: 0)) { error in
            XCTAssertEqual(
                "\(error)", "this question is answered in s, not `requests`: type the answer in s (e.g. `5 s`)")
        }
        XCTAssertEqual(try numeric.parseResponse(".5", seed: 0), .number(0.5, unit: nil))
        XCTAssertThrowsError(try numeric.parseResponse("five", seed: 0)) { error in
            XCTAssertTrue("\(error)".hasPrefix("`five` is not a number"))
        }
        XCTAssertThrowsError(try numeric.parseResponse("2,5", seed: 0))
        XCTAssertThrowsError(try numeric.parseResponse("", seed: 0))
        XCTAssertThrowsError(try numeric.parseResponse("-", seed: 0))
    }

    func testOnlyTheQuestionsOwnUnitIsAcceptedInAnySpelling() throws {
        let numeric = try question("limits", "refill")
        XCTAssertEqual(try numeric.parseResponse("2 seconds", seed: 0), .number(2, unit: "s"))
        XCTAssertEqual(try numeric.parseResponse("2 sec", seed: 0), .number(2, unit: "s"))
        for other in ["40 min", "1.5 h", "2000ms", "2 parsecs"] {
            XCTAssertThrowsError(try numeric.parseResponse(other, seed: 0), other) { error in
                XCTAssertTrue("\(error)".contains("type the answer in s"), "\(error)")
            }
        }
        XCTAssertThrowsError(try Question.parseNumber("2 KiB", unit: "B"))
        XCTAssertEqual(try Question.parseNumber("250 ms", unit: "ms"), .number(250, unit: "ms"))
        XCTAssertThrowsError(try Question.parseNumber("5 s", unit: nil)) { error in
            XCTAssertTrue("\(error)".hasPrefix("this question takes a plain number without a unit"))
        }
    }

    func testDollarSignsAndThousandsSeparators() throws {
        XCTAssertEqual(try Question.parseNumber("$3.25", unit: "USD"), .number(3.25, unit: "USD"))
        XCTAssertEqual(try Question.parseNumber("$ 3.25", unit: "USD"), .number(3.25, unit: "USD"))
        XCTAssertEqual(try Question.parseNumber("3.25 usd", unit: "USD"), .number(3.25, unit: "USD"))
        XCTAssertThrowsError(try Question.parseNumber("$3.25", unit: "s"))
        XCTAssertThrowsError(try Question.parseNumber("$3 s", unit: "s"))
        XCTAssertEqual(try Question.parseNumber("2,400 s", unit: "s"), .number(2400, unit: "s"))
        XCTAssertEqual(try Question.parseNumber("1,234,567.5", unit: nil), .number(1_234_567.5, unit: nil))
        XCTAssertEqual(try Question.parseNumber("-1,000", unit: nil), .number(-1000, unit: nil))
        XCTAssertThrowsError(try Question.parseNumber("1,23", unit: nil))
        XCTAssertThrowsError(try Question.parseNumber("1,2345", unit: nil))
        XCTAssertThrowsError(try Question.parseNumber("1234,567", unit: nil))
    }

    func testTypedShortAnswersAreTrimmed() throws {
        let short = try question("caching", "policy")
        XCTAssertEqual(try short.parseResponse("  allkeys-lru \n", seed: 0), .text("allkeys-lru"))
        XCTAssertThrowsError(try short.parseResponse("   ", seed: 0))
    }

    func testLongOptionListsGetTwoLetterLabels() {
        XCTAssertEqual(Question.letterLabel(0), "a")
        XCTAssertEqual(Question.letterLabel(25), "z")
        XCTAssertEqual(Question.letterLabel(26), "aa")
        XCTAssertEqual(Question.letterLabel(27), "ab")
    }
}
