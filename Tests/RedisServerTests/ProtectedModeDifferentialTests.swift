import Keyspace
import Logging
import RedisServer
import TestSupport
import XCTest

/// Protected mode checked per connection as Redis 7 does, against a real redis-server 7.0.15: a
/// server bound to every interface with a password keeps serving everyone; once `CONFIG SET
/// requirepass ''` removes the password, a new client whose address is not 127.0.0.1 (here one bound
/// to 127.0.0.2, which Redis's `islocalClient` does not count as local) gets Redis's DENIED text and
/// is disconnected, while loopback clients go on as before.
final class ProtectedModeDifferentialTests: XCTestCase {
    /// What one client after another saw, in order.
    private static func transcript(port: Int) throws -> [String] {
        var seen: [String] = []
        let admin = try BlockingConnection(port: port)
        defer { admin.close() }
        let outsiderBefore = try BlockingConnection(port: port, source: "127.0.0.2")
        defer { outsiderBefore.close() }
        seen.append(text(try outsiderBefore.roundTrip(["PING"])))
        seen.append(text(try admin.roundTrip(["AUTH", "secret"])))
        seen.append(text(try admin.roundTrip(["CONFIG", "SET", "requirepass", ""])))
        let outsiderAfter = try BlockingConnection(port: port, source: "127.0.0.2")
        defer { outsiderAfter.close() }
        seen.append(text(outsiderAfter.readUntilClosed()))
        let local = try BlockingConnection(port: port)
        defer { local.close() }
        seen.append(text(try local.roundTrip(["PING"])))
        seen.append(text(try admin.roundTrip(["CONFIG", "SET", "requirepass", "again"])))
        let outsiderWithPassword = try BlockingConnection(port: port, source: "127.0.0.2")
        defer { outsiderWithPassword.close() }
        seen.append(text(try outsiderWithPassword.roundTrip(["AUTH", "again"])))
        return seen
    }

    private static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    func testRemovingThePasswordAdmitsOnlyLoopbackClientsWithRedissDeniedReply() async throws {
        let reference = try ReferenceRedis.start(arguments: ["--bind", "0.0.0.0", "--requirepass", "secret"])
        defer { reference.stop() }
        var configuration = RedisServerConfiguration(host: "0.0.0.0", port: 0)
        configuration.keyspace = KeyspaceConfiguration(requirepass: "secret")
        let server = try await RedisServer.start(configuration: configuration, logger: Logger(label: "test"))
        let port = server.port
        let ours = try Self.transcript(port: port)
        try await server.shutdown()
        let real = try Self.transcript(port: reference.port)
        XCTAssertEqual(ours, real)
        XCTAssertEqual(ours.count, 7)
        XCTAssertTrue(ours[3].hasPrefix("-DENIED Redis is running in protected mode"), ours[3])
        XCTAssertTrue(ours[3].hasSuffix("accepting connections from the outside.\r\n"), ours[3])
        XCTAssertEqual(ours[4], "+PONG\r\n")
        XCTAssertEqual(ours[6], "+OK\r\n")
    }

    func testABindAddressIsLoopbackOnlyWhenItParsesAsALoopbackIPAddress() {
        XCTAssertTrue(RedisServerConfiguration(host: "127.0.0.1").isLoopback)
        XCTAssertTrue(RedisServerConfiguration(host: "127.1.2.3").isLoopback)
        XCTAssertTrue(RedisServerConfiguration(host: "::1").isLoopback)
        XCTAssertTrue(RedisServerConfiguration(host: "localhost").isLoopback)
        XCTAssertFalse(RedisServerConfiguration(host: "127.evil.example").isLoopback)
        XCTAssertFalse(RedisServerConfiguration(host: "127.0.0.1.nip.io").isLoopback)
        XCTAssertFalse(RedisServerConfiguration(host: "0.0.0.0").isLoopback)
        XCTAssertFalse(RedisServerConfiguration(host: "127.evil.example").isIPAddress)
        XCTAssertTrue(RedisServerConfiguration(host: "0.0.0.0").isIPAddress)
        XCTAssertTrue(RedisServerConfiguration(host: "[::1]").isLoopback)
    }

    func testAHostNameThatLooksLoopbackDoesNotPassProtectedMode() async throws {
        let configuration = RedisServerConfiguration(host: "127.evil.example", port: 0)
        do {
            let server = try await RedisServer.start(configuration: configuration, logger: Logger(label: "test"))
            try await server.shutdown()
            XCTFail("a server started on 127.evil.example without a password")
        } catch {
            XCTAssertTrue("\(error)".contains("protected mode"), "\(error)")
        }
    }
}
