import Foundation
import REPL
import RESP
import RedisServer
import XCTest

@testable import LabCommands

final class RedisLabTests: XCTestCase {
    func testRepliesLookLikeRedisCli() async throws {
        let harness = try LabHarness()
        let (session, output) = try harness.session()
        let script: [(String, String, CommandResult)] = [
            ("redis SETEX k 60 v", "OK", .succeeded),
            ("redis TTL k", "(integer) 60", .succeeded),
            ("redis GET k", "\"v\"", .succeeded),
            ("redis SET plain v", "OK", .succeeded),
            ("redis TTL plain", "(integer) -1", .succeeded),
            ("redis TTL nosuchkey", "(integer) -2", .succeeded),
            ("redis GET nosuchkey", "(nil)", .succeeded),
            ("redis set greeting \"hello world\"", "OK", .succeeded),
            ("redis get greeting", "\"hello world\"", .succeeded),
            ("redis RPUSH list a b c", "(integer) 3", .succeeded),
            ("redis LRANGE list 0 -1", "1) \"a\"\n2) \"b\"\n3) \"c\"", .succeeded),
            ("redis LRANGE nolist 0 -1", "(empty array)", .succeeded),
            ("redis INCR plain", "(error) ERR value is not an integer or out of range", .failed),
            ("redis NOSUCH a", "(error) ERR unknown command 'NOSUCH', with args beginning with: 'a' ", .failed),
        ]
        for (line, expected, result) in script {
            let run = await harness.run(session, output, line)
            XCTAssertEqual(run.text, expected, line)
            XCTAssertEqual(run.result, result, line)
        }
    }

    func testUsageAndQuoteErrors() async throws {
        let harness = try LabHarness()
        let (session, output) = try harness.session()
        let empty = await harness.run(session, output, "redis")
        XCTAssertEqual(empty.result, .failed)
        XCTAssertTrue(empty.text.contains("Usage: redis <command>"), empty.text)
        let unbalanced = await harness.run(session, output, "redis SET k \"open")
        XCTAssertEqual(unbalanced.result, .failed)
        XCTAssertTrue(unbalanced.text.contains("Unbalanced quotes"), unbalanced.text)
    }

    func testFormatterNestsAndEscapesAsRedisCli() {
        let nested = RESPValue.array([.bulk("a"), .array([.integer(1), .bulk("x\ny")]), .nullBulk])
        XCTAssertEqual(RedisReplyFormatter.format(nested), "1) \"a\"\n2) 1) (integer) 1\n   2) \"x\\ny\"\n3) (nil)")
        let ten = RESPValue.array((1...10).map { .bulk("\($0)") })
        let lines = RedisReplyFormatter.format(ten).split(separator: "\n")
        XCTAssertEqual(lines.first, " 1) \"1\"")
        XCTAssertEqual(lines.last, "10) \"10\"")
        XCTAssertEqual(RedisReplyFormatter.format(.bulkString([0xC3, 0xA9, 0x22])), "\"\\xc3\\xa9\\\"\"")
    }

    func testServerSharesTheSessionKeyspaceWithNetworkClients() async throws {
        let harness = try LabHarness()
        let (session, output) = try harness.session()
        do { let value = await session.execute("redis SET shared 42"); XCTAssertEqual(value, .succeeded) }
        let start = await harness.run(session, output, "redis-server start 0")
        XCTAssertEqual(start.result, .succeeded, start.text)
        let port = try XCTUnwrap(
            start.text.split(separator: ":").dropFirst().first.flatMap { Int($0.prefix { $0.isNumber }) })
        let client = try await RESPClient.connect(to: "redis://127.0.0.1:\(port)")
        let seen = try await client.send(["GET", "shared"])
        _ = try await client.send(["SET", "fromcli", "yes"])
        try await client.close()
        XCTAssertEqual(seen, .bulk("42"))
        do {
            let value = await harness.run(session, output, "redis GET fromcli"); XCTAssertEqual(value.text, "\"yes\"")
        }
        do {
            let value = await harness.run(session, output, "redis-server status");
            XCTAssertTrue(value.text.contains("127.0.0.1:\(port)"))
        }
        do {
            let value = await harness.run(session, output, "redis-server start");
            XCTAssertTrue(value.text.contains("already serving"))
        }
        do {
            let value = await harness.run(session, output, "redis-server stop");
            XCTAssertTrue(value.text.contains("stopped"))
        }
        do {
            let value = await harness.run(session, output, "redis-server status");
            XCTAssertTrue(value.text.contains("not running"))
        }
        let bad = await harness.run(session, output, "redis-server start 99999")
        XCTAssertEqual(bad.result, .failed)
        XCTAssertTrue(bad.text.contains("not a port"), bad.text)
        do {
            let value = await harness.run(session, output, "redis-server restart");
            XCTAssertEqual(value.result, .failed)
        }
    }
}
