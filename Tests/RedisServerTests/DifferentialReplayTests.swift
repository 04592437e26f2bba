import Foundation
import Logging
import NIOCore
import RedisServer
import TestSupport
import XCTest

/// Replays the keyspace's differential scripts (Tests/TestSupport/Fixtures/differential.redis)
/// over TCP through `archlab redis-server` and through a real redis-server, comparing every
/// reply byte for byte (or as the line's mask says).
final class DifferentialReplayTests: XCTestCase {
    func testKeyspaceScriptsThroughTheServerMatchRealRedis() async throws {
        // CommandScript throws on a malformed fixture line, which fails the replay instead of skipping it.
        let script = try CommandScript(
            text: String(contentsOf: try SharedFixtures.url("differential.redis"), encoding: .utf8))
        XCTAssertGreaterThan(script.cases.count, 30)
        let reference = try ReferenceRedis.start()
        defer { reference.stop() }
        let server = try await RedisServer.start(
            configuration: RedisServerConfiguration(port: 0), logger: Logger(label: "test"))
        var mismatches: [String] = []
        var compared = 0
        for testCase in script.cases {
            let ours = try BlockingConnection(port: server.port)
            let theirs = try BlockingConnection(port: reference.port)
            _ = try ours.roundTrip([Array("FLUSHALL".utf8)])
            _ = try theirs.roundTrip([Array("FLUSHALL".utf8)])
            for line in testCase.lines {
                let mine = try ours.roundTrip(line.arguments)
                if line.mask == "skip-real" { continue }
                let real = try theirs.roundTrip(line.arguments)
                compared += 1
                if !ReplyMask.equal(mine, real, mask: line.mask) {
                    let command = line.arguments.joined(separator: " ")
                    mismatches.append(
                        """
                            line \(line.number): \(command)\n  redis: \(ReplyMask.show(real))\n  ours:  \
                            \(ReplyMask.show(mine))
                            """
                    )
                }
            }
        }
        try await server.shutdown()
        XCTAssertGreaterThan(compared, 300)
        XCTAssertTrue(mismatches.isEmpty, "\(mismatches.count) replies differ:\n" + mismatches.joined(separator: "\n"))
    }
}
