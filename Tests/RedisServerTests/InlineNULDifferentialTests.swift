import Logging
import RedisServer
import TestSupport
import XCTest

/// Inline request lines holding a NUL byte, sent over raw sockets to `archlab redis-server` and to a
/// real redis-server. Redis looks for the line feed with `strchr`, which stops at the NUL, so such a
/// line never completes: the connection waits until more than 64 KiB are buffered, then answers
/// "too big inline request" and closes. Each case is followed by that much filler so both close.
final class InlineNULDifferentialTests: XCTestCase {
    private static let filler = [UInt8](repeating: UInt8(ascii: "x"), count: 70_000)

    private static let cases: [[UInt8]] = [
        Array("PING\r\nECHO a".utf8) + [0] + Array("b\r\nPING\r\n".utf8),
        Array("ECHO \"a".utf8) + [0] + Array("b\"\r\n".utf8),
        Array("ECHO 'a".utf8) + [0] + Array("b'\r\n".utf8),
        Array("ECHO \"ab\" ".utf8) + [0] + Array(" x\r\n".utf8),
        [0] + Array("\r\nPING\r\n".utf8),
        Array("PING\r\n".utf8) + [0],
        Array("ECHO \"a\\x00b\" c\r\n".utf8),
        Array("*1\r\n$4\r\nPING\r\nPI".utf8) + [0] + Array("NG\r\n".utf8),
    ]

    private func exchange(_ payload: [UInt8], port: Int) async throws -> [UInt8] {
        let connection = try await RawConnection.connect(port: port)
        try await connection.send(payload + Self.filler)
        let reply = try await connection.readUntilClosed()
        await connection.close()
        return reply
    }

    func testInlineLinesWithANULByteGetRedissReplies() async throws {
        let reference = try ReferenceRedis.start()
        defer { reference.stop() }
        let server = try await RedisServer.start(
            configuration: RedisServerConfiguration(port: 0), logger: Logger(label: "test"))
        for payload in Self.cases {
            let real = try await exchange(payload, port: reference.port)
            let ours = try await exchange(payload, port: server.port)
            XCTAssertEqual(String(decoding: ours, as: UTF8.self), String(decoding: real, as: UTF8.self), "\(payload)")
            XCTAssertTrue(
                real.suffix(45) == Array("-ERR Protocol error: too big inline request\r\n".utf8), "\(payload)")
        }
        try await server.shutdown()
    }
}
