import Foundation
import Logging
import NIOCore
import RedisServer
import TestSupport
import XCTest

@testable import RESP

/// Replays the keyspace's differential scripts (Tests/TestSupport/Fixtures/differential.redis)
/// over TCP through `archlab redis-server` and through a real redis-server, comparing every
/// reply byte for byte (or as the line's mask says).
final class DifferentialReplayTests: XCTestCase {
    private struct Line {
        var number: Int
        var mask: String?
        var arguments: [[UInt8]]
    }

    private func loadCases() throws -> [[Line]] {
        let url = try SharedFixtures.url("differential.redis")
        let text = try String(contentsOf: url, encoding: .utf8)
        var cases: [[Line]] = []
        var current: [Line] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = raw.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty {
                if !current.isEmpty { cases.append(current) }
                current = []
                continue
            }
            if trimmed.hasPrefix("#") { continue }
            let bytes = Array(trimmed.utf8)
            // A malformed fixture line fails the replay instead of skipping it.
            var words = try XCTUnwrap(
                bytes.withUnsafeBytes({ RESPInlineSplitter.split($0) }), "line \(index + 1) has unbalanced quotes")
            var mask: String?
            if let first = words.first, first.first == UInt8(ascii: "!") {
                mask = String(decoding: first.dropFirst(), as: UTF8.self)
                words.removeFirst()
            }
            current.append(Line(number: index + 1, mask: mask, arguments: words))
        }
        if !current.isEmpty { cases.append(current) }
        return cases
    }

    func testKeyspaceScriptsThroughTheServerMatchRealRedis() async throws {
        let cases = try loadCases()
        XCTAssertGreaterThan(cases.count, 30)
        let reference = try ReferenceRedis.start()
        defer { reference.stop() }
        let server = try await RedisServer.start(configuration: RedisServerConfiguration(port: 0), logger: Logger(label: "test"))
        var mismatches: [String] = []
        var compared = 0
        for lines in cases {
            let ours = try BlockingConnection(port: server.port)
            let theirs = try BlockingConnection(port: reference.port)
            _ = try ours.roundTrip([Array("FLUSHALL".utf8)])
            _ = try theirs.roundTrip([Array("FLUSHALL".utf8)])
            for line in lines {
                let mine = try ours.roundTrip(line.arguments)
                if line.mask == "skip-real" { continue }
                let real = try theirs.roundTrip(line.arguments)
                compared += 1
                if !ReplyMask.equal(mine, real, mask: line.mask) {
                    let command = line.arguments.map { String(decoding: $0, as: UTF8.self) }.joined(separator: " ")
                    mismatches.append("line \(line.number): \(command)\n  redis: \(ReplyMask.show(real))\n  ours:  \(ReplyMask.show(mine))")
                }
            }
        }
        try await server.shutdown()
        XCTAssertGreaterThan(compared, 300)
        XCTAssertTrue(mismatches.isEmpty, "\(mismatches.count) replies differ:\n" + mismatches.joined(separator: "\n"))
    }
}
