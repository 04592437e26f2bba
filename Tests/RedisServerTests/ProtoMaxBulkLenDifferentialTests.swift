import Logging
import RedisServer
import TestSupport
import XCTest

/// `proto-max-bulk-len` against a real redis-server 7.0.15: CONFIG GET and SET (a memory value,
/// at least 1mb), the bound on request bulks, and APPEND refused once the string would outgrow it,
/// with Redis's own error text. The limit is lowered to 1mb so nothing large is allocated.
final class ProtoMaxBulkLenDifferentialTests: XCTestCase {
    private static let megabyte = 1 << 20

    private static func transcript(port: Int) throws -> [String] {
        var seen: [String] = []
        let client = try BlockingConnection(port: port)
        defer { client.close() }
        func send(_ arguments: [String]) throws {
            let reply = try client.roundTrip(arguments)
            seen.append(String(decoding: reply.prefix(300), as: UTF8.self))
        }
        try send(["CONFIG", "GET", "proto-max-bulk-len"])
        try send(["CONFIG", "SET", "proto-max-bulk-len", "1000"])
        try send(["CONFIG", "SET", "proto-max-bulk-len", "lots"])
        try send(["CONFIG", "SET", "proto-max-bulk-len", "1mb"])
        try send(["CONFIG", "GET", "proto-max-bulk-len"])
        try send(["SET", "k", String(repeating: "x", count: Self.megabyte - 10)])
        try send(["APPEND", "k", String(repeating: "y", count: 11)])
        try send(["STRLEN", "k"])
        try send(["APPEND", "k", String(repeating: "y", count: 10)])
        try send(["APPEND", "k", "z"])
        try send(["STRLEN", "k"])
        try send(["APPEND", "fresh", String(repeating: "y", count: Self.megabyte)])
        try send(["CONFIG", "SET", "proto-max-bulk-len", "2mb"])
        try send(["APPEND", "k", "z"])
        try send(["CONFIG", "SET", "proto-max-bulk-len", "1mb"])
        let tooLong = Array("*3\r\n$3\r\nSET\r\n$1\r\nb\r\n$\(Self.megabyte + 1)\r\n".utf8)
        try client.sendRaw(tooLong)
        seen.append(String(decoding: client.readUntilClosed(), as: UTF8.self))
        return seen
    }

    func testProtoMaxBulkLenBoundsRequestsAndAppendAsRedisDoes() async throws {
        let reference = try ReferenceRedis.start()
        defer { reference.stop() }
        let server = try await RedisServer.start(
            configuration: RedisServerConfiguration(port: 0), logger: Logger(label: "test"))
        let port = server.port
        let ours = try Self.transcript(port: port)
        try await server.shutdown()
        let real = try Self.transcript(port: reference.port)
        XCTAssertEqual(ours, real)
        XCTAssertEqual(ours[6], "-ERR string exceeds maximum allowed size (proto-max-bulk-len)\r\n")
        XCTAssertEqual(ours[9], "-ERR string exceeds maximum allowed size (proto-max-bulk-len)\r\n")
        XCTAssertEqual(ours[13], ":1048577\r\n")
        XCTAssertEqual(ours.last, "-ERR Protocol error: invalid bulk length\r\n")
    }
}
