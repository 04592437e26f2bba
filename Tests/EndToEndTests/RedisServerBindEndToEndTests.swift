import Foundation
import XCTest

/// `archlab redis-server --bind`: the address is parsed as an IP address, so a host name that merely
/// starts with `127.` is not taken for loopback, and a non-loopback bind still needs a password.
final class RedisServerBindEndToEndTests: XCTestCase {
    func testAHostNameStartingWith127IsRefusedNotTakenForLoopback() throws {
        for extra in [[], ["--requirepass", "secret"]] {
            let output = try ArchLabRunner.run(["redis-server", "--port", "0", "--bind", "127.evil.example"] + extra)
            XCTAssertEqual(output.status, 64, output.stderr)
            XCTAssertTrue(output.stderr.contains("--bind '127.evil.example' is not an IP address"), output.stderr)
        }
    }

    func testANonLoopbackBindWithoutAPasswordIsStillRefusedAtStart() throws {
        let output = try ArchLabRunner.run(["redis-server", "--port", "0", "--bind", "0.0.0.0"])
        XCTAssertEqual(output.status, 64, output.stderr)
        XCTAssertTrue(output.stderr.contains("refusing to listen on 0.0.0.0 without --requirepass"), output.stderr)
    }
}
