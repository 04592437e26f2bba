import Clocks
import Foundation
import XCTest

final class ClocksTests: XCTestCase {
    func testTheManualClockMovesOnlyWhenToldTo() {
        let clock = ManualClock(milliseconds: 1_500)
        XCTAssertEqual(clock.nowMilliseconds(), 1_500)
        XCTAssertEqual(clock.nowMicroseconds(), 1_500_000)
        XCTAssertEqual(clock.nowSeconds(), 1.5)
        clock.advance(milliseconds: 250)
        XCTAssertEqual(clock.nowMilliseconds(), 1_750)
        clock.set(milliseconds: 10)
        XCTAssertEqual(clock.nowMilliseconds(), 10)
    }

    func testTheSystemClocksReadTheWallClock() {
        let before = Int64(Date().timeIntervalSince1970 * 1000)
        let system = SystemClock().nowMilliseconds()
        let coarse = CoarseSystemClock().nowMilliseconds()
        let after = Int64(Date().timeIntervalSince1970 * 1000)
        XCTAssertTrue((before - 1...after + 1).contains(system), "\(before) ≤ \(system) ≤ \(after)")
        // The coarse clock is one scheduler tick behind at most (a few milliseconds); allow 50.
        XCTAssertTrue((before - 50...after + 1).contains(coarse), "\(before) ≤ \(coarse) ≤ \(after)")
        XCTAssertEqual(SystemClock().nowMicroseconds() / 1_000_000, after / 1000, accuracy: 1)
    }
}
