import Foundation
import Keyspace
import NIOCore
import RESP
import TestSupport
import XCTest

/// Runs `Fixtures/differential.redis` against the in-process Keyspace and a real redis-server,
/// comparing reply bytes exactly except where a line's mask directive says otherwise.
final class DifferentialTests: XCTestCase {
    func testScriptsMatchRealRedis() throws {
        let script = try CommandScript(
            text: String(contentsOf: try SharedFixtures.url("differential.redis"), encoding: .utf8))
        XCTAssertGreaterThan(script.cases.count, 30)
        let real = try ReferenceRedis.start()
        defer { real.stop() }
        let keyspace = Keyspace()
        var mismatches: [String] = []
        for testCase in script.cases {
            let connection = try BlockingConnection(port: real.port)
            defer { connection.close() }
            let session = keyspace.makeSession()
            _ = try connection.roundTrip(["FLUSHALL"])
            _ = run(keyspace, session, ["FLUSHALL"])
            for line in testCase.lines {
                let ours = run(keyspace, session, line.arguments)
                if line.mask == "skip-real" { continue }
                let theirs = try connection.roundTrip(line.arguments)
                if !ReplyMask.equal(ours, theirs, mask: line.mask) {
                    mismatches.append(
                        """
                            line \(line.number): \(line.arguments.joined(separator: " "))\n  redis: \
                            \(ReplyMask.show(theirs))\n  ours:  \(ReplyMask.show(ours))
                            """
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
}
