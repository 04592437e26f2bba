import XCTest

@testable import LabCommands

final class QuotedArgumentsTests: XCTestCase {
    func testSplitsLikeRedisCli() throws {
        XCTAssertEqual(try QuotedArguments.split("SET k v"), ["SET", "k", "v"])
        XCTAssertEqual(try QuotedArguments.split("  SET   \"a b\"  'c d' "), ["SET", "a b", "c d"])
        XCTAssertEqual(try QuotedArguments.split(#""say \"hi\"\n" '\'x\''"#), ["say \"hi\"\n", "'x'"])
        XCTAssertEqual(try QuotedArguments.split(#""\x41\x4a""#), ["AJ"])
        XCTAssertEqual(try QuotedArguments.split("France's capital"), ["France's", "capital"])
        XCTAssertEqual(try QuotedArguments.split("\"\""), [""])
    }

    func testUnbalancedOrGluedQuotesAreErrors() {
        XCTAssertThrowsError(try QuotedArguments.split("\"open"))
        XCTAssertThrowsError(try QuotedArguments.split("'open"))
        XCTAssertThrowsError(try QuotedArguments.split("\"a\"b"))
    }

    func testShellStyleQuotesInsideAWord() throws {
        XCTAssertEqual(
            try QuotedArguments.split("limit=\"5 per 10 s\" x", inWordQuotes: true), ["limit=5 per 10 s", "x"])
        XCTAssertEqual(
            try QuotedArguments.split("--traffic \"burst 10 at 9.9s\"", inWordQuotes: true),
            ["--traffic", "burst 10 at 9.9s"])
    }
}
