import Foundation
import Logging
import NIOCore
import RedisServer
import XCTest

@testable import RESP

/// Replays the keyspace's differential scripts (Tests/KeyspaceTests/Fixtures/differential.redis)
/// over TCP through `archlab redis-server` and through a real redis-server, comparing every
/// reply byte for byte (or as the line's mask says).
final class DifferentialReplayTests: XCTestCase {
    private struct Line {
        var number: Int
        var mask: String?
        var arguments: [[UInt8]]
    }

    private func loadCases() throws -> [[Line]] {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("KeyspaceTests/Fixtures/differential.redis")
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
        try requireTool(findExecutable("redis-server") != nil, "redis-server is not installed")
        let cases = try loadCases()
        XCTAssertGreaterThan(cases.count, 30)
        guard let reference = try ReferenceRedis() else {
            try requireTool(false, "the reference redis-server did not start")
            return
        }
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
                if !Self.equal(mine, real, mask: line.mask) {
                    let command = line.arguments.map { String(decoding: $0, as: UTF8.self) }.joined(separator: " ")
                    mismatches.append("line \(line.number): \(command)\n  redis: \(real.debugText)\n  ours:  \(mine.debugText)")
                }
            }
        }
        try await server.shutdown()
        XCTAssertGreaterThan(compared, 300)
        XCTAssertTrue(mismatches.isEmpty, "\(mismatches.count) replies differ:\n" + mismatches.joined(separator: "\n"))
    }

    private static func equal(_ a: [UInt8], _ b: [UInt8], mask: String?) -> Bool {
        switch mask {
        case nil: return a == b
        case "type": return a.first == b.first
        case "sort", "ints":
            var x = ByteBuffer(bytes: a)
            var y = ByteBuffer(bytes: b)
            var decoder = RESPValueDecoder()
            guard let u = try? decoder.next(from: &x), let v = try? decoder.next(from: &y) else { return false }
            return mask == "sort" ? sorted(u) == sorted(v) : zeroed(u) == zeroed(v)
        default: return false
        }
    }

    private static func sorted(_ value: RESPValue) -> RESPValue {
        switch value {
        case .array(let items): return .array(items.map(sorted).sorted { "\($0)" < "\($1)" })
        case .set(let items): return .set(items.map(sorted).sorted { "\($0)" < "\($1)" })
        default: return value
        }
    }

    private static func zeroed(_ value: RESPValue) -> RESPValue {
        switch value {
        case .integer: return .integer(0)
        case .array(let items): return .array(items.map(zeroed))
        case .map(let pairs): return .map(pairs.map { RESPPair(zeroed($0.key), zeroed($0.value)) })
        default: return value
        }
    }
}

extension Array where Element == UInt8 {
    /// The bytes with CR, LF and non-printable bytes escaped, for failure messages.
    fileprivate var debugText: String {
        prefix(300).map { byte -> String in
            switch byte {
            case 13: return "\\r"
            case 10: return "\\n"
            case 32...126: return String(UnicodeScalar(byte))
            default: return "\\x" + String(byte, radix: 16)
            }
        }.joined()
    }
}
