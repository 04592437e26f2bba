import Clocks
import Keyspace
import NIOCore
import RESP
import XCTest

/// A keyspace with a manual clock and one session, running commands given as strings.
final class Harness {
    let clock = ManualClock(milliseconds: 1_700_000_000_000)
    let keyspace: Keyspace
    var session: ClientSession

    init(_ configuration: KeyspaceConfiguration = .init(), seed: UInt64 = 1) {
        keyspace = Keyspace(configuration: configuration, clock: clock, seed: seed)
        session = keyspace.makeSession()
    }

    /// Runs a command and returns the raw reply bytes as text.
    @discardableResult
    func raw(_ arguments: String...) -> String {
        rawArray(arguments)
    }

    func rawArray(_ arguments: [String]) -> String {
        var reply = ByteBuffer()
        keyspace.execute(arguments.map { ByteBuffer(string: $0) }, session: session, into: &reply)
        return String(decoding: reply.readableBytesView, as: UTF8.self)
    }

    /// Runs a command and decodes the reply.
    func value(_ arguments: String...) throws -> RESPValue {
        var reply = ByteBuffer()
        keyspace.execute(arguments.map { ByteBuffer(string: $0) }, session: session, into: &reply)
        return try RESPReplyParser.parse(&reply)
    }

    /// The integer value of one INFO field.
    func info(_ field: String) -> Int? {
        for line in keyspace.infoText().split(separator: "\r\n") where line.hasPrefix(field + ":") {
            return Int(line.dropFirst(field.count + 1))
        }
        return nil
    }
}
