import RedisServer
import XCTest

final class ConfigurationParsingTests: XCTestCase {
    func testMemorySizesAreReadAsRedisReadsThem() {
        XCTAssertEqual(MemorySize.parse("64mb"), 64 * 1024 * 1024)
        XCTAssertEqual(MemorySize.parse("1GB"), 1024 * 1024 * 1024)
        XCTAssertEqual(MemorySize.parse("100kb"), 102_400)
        XCTAssertEqual(MemorySize.parse("5k"), 5000)
        XCTAssertEqual(MemorySize.parse("1048576"), 1_048_576)
        XCTAssertEqual(MemorySize.parse("0"), 0)
        for bad in ["", "mb", "-1mb", "64 mb", "1.5gb", "12tb", "99999999999999999999"] {
            XCTAssertNil(MemorySize.parse(bad), bad)
        }
    }

    func testRedisURLs() throws {
        let full = try RedisURL(parsing: "redis://alice:p%40ss@cache.local:6390/3")
        XCTAssertEqual(
            full, RedisURL(host: "cache.local", port: 6390, username: "alice", password: "p@ss", database: 3))
        XCTAssertEqual(full.description, "redis://alice:***@cache.local:6390/3")
        XCTAssertEqual(try RedisURL(parsing: "redis://127.0.0.1"), RedisURL())
        XCTAssertEqual(try RedisURL(parsing: "redis://:secret@localhost:6380").password, "secret")
        XCTAssertNil(try RedisURL(parsing: "redis://:secret@localhost:6380").username)
        for bad in ["http://host", "redis://host/x", "not a url", "redis://host:0"] {
            XCTAssertThrowsError(try RedisURL(parsing: bad), bad)
        }
    }

    func testLoopbackDetectionForProtectedMode() {
        XCTAssertTrue(RedisServerConfiguration(host: "127.0.0.1").isLoopback)
        XCTAssertTrue(RedisServerConfiguration(host: "localhost").isLoopback)
        XCTAssertTrue(RedisServerConfiguration(host: "::1").isLoopback)
        XCTAssertFalse(RedisServerConfiguration(host: "0.0.0.0").isLoopback)
        XCTAssertFalse(RedisServerConfiguration(host: "10.1.2.3").isLoopback)
    }
}
