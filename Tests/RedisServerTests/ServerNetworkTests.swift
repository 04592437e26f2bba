import Logging
import NIOCore
import NIOPosix
import RESP
import SeededRandom
import TestSupport
import XCTest

@testable import RedisServer

final class ServerNetworkTests: XCTestCase {
    private func startTestServer(
        _ configuration: RedisServerConfiguration = RedisServerConfiguration(port: 0)
    ) async throws -> RedisServer {
        try await RedisServer.start(configuration: configuration, logger: Logger(label: "test")) { TestExecutor() }
    }

    func testClientPipelinesOverTCP() async throws {
        let server = try await startTestServer()
        let client = try await RESPClient.connect(to: "redis://127.0.0.1:\(server.port)")
        let replies = try await client.pipeline([["SET", "a", "1"], ["GET", "a"], ["GET", "missing"], ["NOPE"]])
        XCTAssertEqual(replies, [.simpleString("OK"), .bulk("1"), .nullBulk, .error("ERR unknown command 'NOPE'")])
        async let first = client.send(["ECHO", "x"])
        async let second = client.send(["ECHO", "y"])
        let both = try await [first, second]
        XCTAssertEqual(both, [.bulk("x"), .bulk("y")])
        try await client.close()
        try await server.shutdown()
    }

    func testRandomAndMutatedFramesNeverStopTheServer() async throws {
        let server = try await startTestServer()
        var generator = SplitMix64(seed: 42)
        let valid: [[UInt8]] = [
            Array("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$5\r\nvalue\r\n".utf8),
            Array("*2\r\n$3\r\nGET\r\n$1\r\nk\r\n".utf8),
            Array("PING\r\nECHO \"a\\x41\" 'b'\r\n".utf8),
        ]
        let alphabet = Array("*$:+-\r\n0123456789-\"'\\x PINGECHO".utf8) + [0, 255]
        for round in 0..<150 {
            var bytes = valid[round % valid.count] + valid[(round + 1) % valid.count]
            switch round % 3 {
            case 0:
                bytes = (0..<Int(generator.next() % 200)).map { _ in
                    alphabet[Int(generator.next() % UInt64(alphabet.count))]
                }
            case 1:
                for _ in 0..<1 + Int(generator.next() % 4) where !bytes.isEmpty {
                    bytes[Int(generator.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: generator.next())
                }
            default:
                bytes = Array(bytes.prefix(Int(generator.next() % UInt64(bytes.count + 1))))
            }
            let connection = try await RawConnection.connect(port: server.port)
            try await connection.send(bytes)
            await connection.close()
        }
        let client = try await RESPClient.connect(to: "redis://127.0.0.1:\(server.port)")
        let pong = try await client.send(["PING"])
        XCTAssertEqual(pong, .simpleString("PONG"))
        try await client.close()
        try await server.shutdown()
    }

    func testProtocolErrorReplyThenCloseOverTCP() async throws {
        let server = try await startTestServer()
        let connection = try await RawConnection.connect(port: server.port)
        try await connection.send(Array("PING\r\n*1\r\n$-5\r\n".utf8))
        let reply = try await connection.readUntilClosed()
        XCTAssertEqual(String(decoding: reply, as: UTF8.self), "+PONG\r\n-ERR Protocol error: invalid bulk length\r\n")
        try await server.shutdown()
    }

    func testAThousandConcurrentConnections() async throws {
        var limit = rlimit()
        getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        try requireTool(limit.rlim_cur >= 2200, "needs 2,200 file descriptors (ulimit -n is \(limit.rlim_cur))")
        let server = try await startTestServer()
        let port = server.port
        let replies = try await withThrowingTaskGroup(of: (RESPClient, RESPValue).self) { group in
            for index in 0..<1000 {
                group.addTask {
                    let client = try await RESPClient.connect(to: "redis://127.0.0.1:\(port)")
                    return (client, try await client.send(["ECHO", "client-\(index)"]))
                }
            }
            var collected: [(RESPClient, RESPValue)] = []
            for try await pair in group { collected.append(pair) }
            return collected
        }
        XCTAssertEqual(Set(replies.map(\.1)), Set((0..<1000).map { RESPValue.bulk("client-\($0)") }))
        for (client, _) in replies { try await client.close() }
        try await server.shutdown()
    }
}
