import NIOCore
import NIOEmbedded
import RESP
import XCTest

@testable import RedisServer

final class RESPServerHandlerTests: XCTestCase {
    private func makeChannel(
        executor: TestExecutor = TestExecutor(),
        configuration: RedisServerConfiguration = RedisServerConfiguration()
    ) throws -> (EmbeddedChannel, ConnectionStatistics) {
        let statistics = ConnectionStatistics(port: 6380)
        let channel = EmbeddedChannel()
        try channel.pipeline.syncOperations.addHandler(
            RESPServerHandler(executor: executor, statistics: statistics, configuration: configuration)
        )
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
        return (channel, statistics)
    }

    private func output(_ channel: EmbeddedChannel) throws -> String {
        var text = ""
        while let buffer = try channel.readOutbound(as: ByteBuffer.self) { text += String(buffer: buffer) }
        return text
    }

    func testPipelinedCommandsAreAnsweredInOrderInOneWrite() throws {
        let (channel, _) = try makeChannel()
        try channel.writeInbound(
            ByteBuffer(string: "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$2\r\nv1\r\nGET k\r\n*1\r\n$4\r\nPING\r\n"))
        let first = try channel.readOutbound(as: ByteBuffer.self).map { String(buffer: $0) }
        XCTAssertEqual(first, "+OK\r\n$2\r\nv1\r\n+PONG\r\n")
        XCTAssertNil(try channel.readOutbound(as: ByteBuffer.self))
        XCTAssertTrue(channel.isActive)
    }

    func testCommandSplitAcrossReadsIsAnsweredOnceComplete() throws {
        let (channel, _) = try makeChannel()
        try channel.writeInbound(ByteBuffer(string: "*2\r\n$4\r\nECHO\r\n$5\r\nhel"))
        XCTAssertEqual(try output(channel), "")
        try channel.writeInbound(ByteBuffer(string: "lo\r\nPI"))
        XCTAssertEqual(try output(channel), "$5\r\nhello\r\n")
        try channel.writeInbound(ByteBuffer(string: "NG\r\n"))
        XCTAssertEqual(try output(channel), "+PONG\r\n")
    }

    func testProtocolErrorAnswersEarlierCommandsThenClosesTheConnection() throws {
        let (channel, _) = try makeChannel()
        try channel.writeInbound(ByteBuffer(string: "PING\r\n*1\r\n$x\r\nPING\r\n"))
        XCTAssertEqual(try output(channel), "+PONG\r\n-ERR Protocol error: invalid bulk length\r\n")
        XCTAssertFalse(channel.isActive)
    }

    func testQuitRepliesThenCloses() throws {
        let (channel, _) = try makeChannel()
        try channel.writeInbound(ByteBuffer(string: "QUIT\r\nPING\r\n"))
        XCTAssertEqual(try output(channel), "+OK\r\n")
        XCTAssertFalse(channel.isActive)
    }

    func testMaxclientsRejectsTheExtraConnection() throws {
        let (channel, statistics) = try makeChannel(configuration: RedisServerConfiguration(maxclients: 0))
        XCTAssertEqual(try output(channel), "-ERR max number of clients reached\r\n")
        XCTAssertFalse(channel.isActive)
        XCTAssertEqual(statistics.rejectedConnections, 1)
        XCTAssertEqual(statistics.connectedClients, 0)
    }

    func testConnectedClientsAreCounted() throws {
        let (channel, statistics) = try makeChannel()
        XCTAssertEqual(statistics.connectedClients, 1)
        _ = try channel.close().wait()
        XCTAssertEqual(statistics.connectedClients, 0)
    }

    func testUnauthenticatedClientsGetRedisTighterLimits() throws {
        let (channel, _) = try makeChannel(executor: TestExecutor(password: "pw"))
        try channel.writeInbound(ByteBuffer(string: "AUTH pw\r\n*11\r\n"))
        XCTAssertEqual(try output(channel), "+OK\r\n")
        let (locked, _) = try makeChannel(executor: TestExecutor(password: "pw"))
        try locked.writeInbound(ByteBuffer(string: "*11\r\n"))
        XCTAssertEqual(try output(locked), "-ERR Protocol error: unauthenticated multibulk length\r\n")
        XCTAssertFalse(locked.isActive)
    }

    func testAClientThatDoesNotReadItsRepliesIsPausedAndResumed() throws {
        var configuration = RedisServerConfiguration()
        configuration.outputHighWaterMark = 64
        let (channel, _) = try makeChannel(configuration: configuration)
        channel.isWritable = false
        let requests = String(repeating: "ECHO 0123456789abcdef\r\n", count: 100)
        try channel.writeInbound(ByteBuffer(string: requests))
        let paused = try output(channel)
        XCTAssertLessThan(paused.count, 100 * 25, "the handler should stop executing while the client is not reading")
        channel.isWritable = true
        channel.pipeline.fireChannelWritabilityChanged()
        let resumed = try output(channel)
        XCTAssertEqual(paused + resumed, String(repeating: "$16\r\n0123456789abcdef\r\n", count: 100))
    }

    func testQueryBufferLimitDisconnects() throws {
        var configuration = RedisServerConfiguration()
        configuration.maxQueryBufferLength = 100
        let (channel, _) = try makeChannel(configuration: configuration)
        try channel.writeInbound(ByteBuffer(string: "*1\r\n$1000\r\n" + String(repeating: "x", count: 200)))
        XCTAssertFalse(channel.isActive)
    }
}
