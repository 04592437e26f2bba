import Foundation
import Keyspace
import NIOCore
import RESP
import XCTest

/// Runs `Fixtures/differential.redis` against the in-process Keyspace and a real redis-server,
/// comparing reply bytes exactly except where a line's mask directive says otherwise.
final class DifferentialTests: XCTestCase {
    func testScriptsMatchRealRedis() throws {
        guard let url = Bundle.module.url(forResource: "differential", withExtension: "redis", subdirectory: "Fixtures") else {
            XCTFail("Fixtures/differential.redis is missing from the test bundle")
            return
        }
        let script = try CommandScript(text: String(contentsOf: url, encoding: .utf8))
        XCTAssertGreaterThan(script.cases.count, 30)
        guard let real = try RealRedis.start() else { return }
        defer { real.stop() }
        let keyspace = Keyspace()
        var mismatches: [String] = []
        for testCase in script.cases {
            let connection = try BlockingRedisConnection(port: real.port)
            defer { connection.close() }
            let session = keyspace.makeSession()
            _ = try connection.roundTrip(["FLUSHALL"])
            _ = run(keyspace, session, ["FLUSHALL"])
            for line in testCase.lines {
                let ours = run(keyspace, session, line.arguments)
                if line.mask == "skip-real" { continue }
                let theirs = try connection.roundTrip(line.arguments)
                if !Self.equal(ours, theirs, mask: line.mask) {
                    mismatches.append(
                        "line \(line.number): \(line.arguments.joined(separator: " "))\n  redis: \(Self.show(theirs))\n  ours:  \(Self.show(ours))"
                    )
                }
            }
            keyspace.closeSession(session)
        }
        XCTAssertTrue(mismatches.isEmpty, "\(mismatches.count) replies differ:\n" + mismatches.joined(separator: "\n"))
    }

    private func run(_ keyspace: Keyspace, _ session: ClientSession, _ arguments: [String]) -> [UInt8] {
        var reply = ByteBuffer()
        keyspace.execute(arguments.map { ByteBuffer(string: $0) }, session: session, into: &reply)
        return Array(reply.readableBytesView)
    }

    static func equal(_ a: [UInt8], _ b: [UInt8], mask: String?) -> Bool {
        switch mask {
        case nil: return a == b
        case "type": return a.first == b.first
        case "sort", "ints":
            var x = ByteBuffer(bytes: a)
            var y = ByteBuffer(bytes: b)
            guard let u = try? RESPReplyParser.parse(&x), let v = try? RESPReplyParser.parse(&y) else { return false }
            return mask == "sort" ? canonical(u) == canonical(v) : maskIntegers(u) == maskIntegers(v)
        default: return false
        }
    }

    /// Sorts every aggregate, so replies in hash order compare as multisets.
    static func canonical(_ value: RESPValue) -> RESPValue {
        switch value {
        case .array(let items): return .array(items.map(canonical).sorted { "\($0)" < "\($1)" })
        case .set(let items): return .set(items.map(canonical).sorted { "\($0)" < "\($1)" })
        default: return value
        }
    }

    static func maskIntegers(_ value: RESPValue) -> RESPValue {
        switch value {
        case .integer: return .integer(0)
        case .array(let items): return .array(items.map(maskIntegers))
        case .map(let pairs): return .map(pairs.map { RESPPair(maskIntegers($0.key), maskIntegers($0.value)) })
        default: return value
        }
    }

    static func show(_ bytes: [UInt8]) -> String {
        var text = ""
        for byte in bytes.prefix(400) {
            switch byte {
            case 13: text += "\\r"
            case 10: text += "\\n"
            case 32...126: text.append(Character(UnicodeScalar(byte)))
            default: text += "\\x" + String(byte, radix: 16)
            }
        }
        return text
    }
}
