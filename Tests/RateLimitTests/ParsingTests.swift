import RateLimit
import XCTest

final class ParsingTests: XCTestCase {
    func testDurationsParseAsUpstashDoes() throws {
        let cases: [(String, Int64)] = [
            ("10 s", 10_000), ("10s", 10_000), ("500ms", 500), ("500 ms", 500), ("2m", 120_000),
            ("1h", 3_600_000), ("1d", 86_400_000), ("1 d", 86_400_000),
        ]
        for (text, milliseconds) in cases {
            XCTAssertEqual(try LimitDuration(parsing: text).milliseconds, milliseconds, text)
        }
    }

    func testBadDurationsNameTheString() {
        for text in ["10", "s", "1.5s", "10 sec", " 10s", "10  s", "-1s", "", "10 S", "0s", "10s "] {
            XCTAssertThrowsError(try LimitDuration(parsing: text), text) { error in
                XCTAssertTrue("\(error)".contains("\"\(text)\""), "\(error)")
            }
        }
    }

    func testDurationsPrintInTheCourseSpelling() throws {
        XCTAssertEqual("\(try LimitDuration(parsing: "10s"))", "10 s")
        XCTAssertEqual("\(try LimitDuration(parsing: "1500ms"))", "1500ms")
        XCTAssertEqual("\(try LimitDuration(parsing: "120s"))", "2m")
    }

    func testRates() throws {
        let rate = try LimitRate(parsing: "5 per 10 s")
        XCTAssertEqual(rate.count, 5)
        XCTAssertEqual(rate.per.milliseconds, 10_000)
        XCTAssertEqual(try LimitRate(parsing: "100 per 1m").per.milliseconds, 60_000)
        for text in ["5 per", "per 10 s", "5 every 10 s", "0 per 10 s", "5 per 10 sec"] {
            XCTAssertThrowsError(try LimitRate(parsing: text), text) { error in
                XCTAssertTrue("\(error)".contains(text), "\(error)")
            }
        }
    }
}
