import Keyspace
import RESP
import XCTest

final class EvictionTests: XCTestCase {
    private func fill(_ h: Harness, count: Int, value: String = String(repeating: "x", count: 100)) {
        for i in 0..<count { h.raw("SET", "key:\(i)", value) }
    }

    func testNoevictionRefusesWritesButServesReads() {
        let h = Harness(KeyspaceConfiguration(maxmemory: 1_000_000, policy: .noeviction))
        h.raw("SET", "early", "v")
        fill(h, count: 2_000)
        XCTAssertEqual(h.raw("SET", "late", "v"), "-OOM command not allowed when used memory > 'maxmemory'.\r\n")
        XCTAssertEqual(h.raw("GET", "early"), "$1\r\nv\r\n")
        XCTAssertEqual(h.raw("DEL", "early"), ":1\r\n")
        XCTAssertEqual(h.info("evicted_keys"), 0)
    }

    func testAllkeysLRUStaysUnderTheLimitAndKeepsRecentKeys() {
        let limit = 1_200_000
        let h = Harness(KeyspaceConfiguration(maxmemory: limit, policy: .allkeysLRU))
        h.raw("SET", "hot", "v")
        for i in 0..<3_000 {
            h.clock.advance(milliseconds: 1_000)
            h.raw("GET", "hot")
            h.raw("SET", "key:\(i)", String(repeating: "x", count: 100))
            XCTAssertLessThanOrEqual(h.info("used_memory") ?? Int.max, limit)
        }
        XCTAssertEqual(h.raw("EXISTS", "hot"), ":1\r\n")
        XCTAssertGreaterThan(h.info("evicted_keys") ?? 0, 0)
    }

    func testLRUApproximationEvictsMostlyTheOldestKeys() {
        let h = Harness(KeyspaceConfiguration(maxmemory: 0, policy: .allkeysLRU), seed: 11)
        for i in 0..<4_000 {
            h.clock.advance(milliseconds: 1_000)
            h.raw("SET", "key:\(i)", String(repeating: "v", count: 40))
        }
        let full = h.info("used_memory") ?? 0
        h.raw("CONFIG", "SET", "maxmemory", "\(full - (full - 900_000) / 2)")
        h.raw("SET", "trigger", "x")
        let evicted = h.info("evicted_keys") ?? 0
        XCTAssertGreaterThan(evicted, 1_000)
        let newestQuarterKept = (3_000..<4_000).filter { h.raw("EXISTS", "key:\($0)") == ":1\r\n" }.count
        let oldestQuarterKept = (0..<1_000).filter { h.raw("EXISTS", "key:\($0)") == ":1\r\n" }.count
        XCTAssertGreaterThan(newestQuarterKept, 950)
        XCTAssertLessThan(oldestQuarterKept, 150)
    }

    func testVolatileTTLEvictsOnlyKeysWithATTL() {
        let h = Harness(KeyspaceConfiguration(maxmemory: 1_100_000, policy: .volatileTTL))
        for i in 0..<200 { h.raw("SET", "keep:\(i)", "v") }
        for i in 0..<2_000 { h.raw("SET", "temp:\(i)", String(repeating: "y", count: 100), "EX", "\(1000 + i)") }
        for i in 0..<200 { XCTAssertEqual(h.raw("EXISTS", "keep:\(i)"), ":1\r\n") }
        XCTAssertGreaterThan(h.info("evicted_keys") ?? 0, 0)
    }

    func testAllkeysLFUKeepsFrequentlyReadKeys() {
        let h = Harness(KeyspaceConfiguration(maxmemory: 1_100_000, policy: .allkeysLFU))
        h.raw("SET", "popular", "v")
        for _ in 0..<200 { h.raw("GET", "popular") }
        fill(h, count: 3_000)
        XCTAssertEqual(h.raw("EXISTS", "popular"), ":1\r\n")
    }

    func testAllkeysRandomIsDeterministicForASeed() {
        func survivors(seed: UInt64) -> String {
            let h = Harness(KeyspaceConfiguration(maxmemory: 1_000_000, policy: .allkeysRandom), seed: seed)
            fill(h, count: 1_500)
            return h.raw("KEYS", "*")
        }
        XCTAssertEqual(survivors(seed: 3), survivors(seed: 3))
    }

    func testConfigSetChangesPolicyAtRuntime() {
        let h = Harness()
        XCTAssertEqual(h.raw("CONFIG", "SET", "maxmemory", "1000000", "maxmemory-policy", "allkeys-random"), "+OK\r\n")
        fill(h, count: 2_000)
        XCTAssertLessThanOrEqual(h.info("used_memory") ?? Int.max, 1_000_000)
        XCTAssertEqual(
            h.raw("CONFIG", "GET", "maxmemory-policy"), "*2\r\n$16\r\nmaxmemory-policy\r\n$14\r\nallkeys-random\r\n")
    }
}
