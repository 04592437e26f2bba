import NIOCore
import RESP

@testable import RedisServer

/// A tiny command set (PING, ECHO, SET, GET, AUTH, QUIT) for exercising the server's framing
/// without the real keyspace.
final class TestExecutor: RedisCommandExecutor {
    final class Session {
        var authenticated: Bool
        var quit = false
        init(authenticated: Bool) { self.authenticated = authenticated }
    }

    let password: String?
    var values: [String: ByteBuffer] = [:]
    var statistics: ConnectionStatistics?
    var housekeepingRuns = 0

    init(password: String? = nil) {
        self.password = password
    }

    func makeSession() -> Session { Session(authenticated: password == nil) }
    func closeSession(_ session: Session) {}
    func isAuthenticated(_ session: Session) -> Bool { session.authenticated }
    func shouldClose(_ session: Session) -> Bool { session.quit }
    func housekeeping() { housekeepingRuns += 1 }
    func attach(_ statistics: ConnectionStatistics) { self.statistics = statistics }

    func batchTime() -> Int64 { 0 }

    func execute(_ argv: [ByteBuffer], session: Session, into reply: inout ByteBuffer, time: Int64) {
        let name = String(buffer: argv[0]).uppercased()
        if !session.authenticated && name != "AUTH" {
            reply.writeRESPError("NOAUTH Authentication required.")
            return
        }
        switch (name, argv.count) {
        case ("PING", 1): reply.writeRESPSimpleString("PONG")
        case ("ECHO", 2): reply.writeRESPBulk(argv[1].readableBytesView)
        case ("SET", 3):
            values[String(buffer: argv[1])] = argv[2]
            reply.writeRESPSimpleString("OK")
        case ("GET", 2):
            if let value = values[String(buffer: argv[1])] {
                reply.writeRESPBulk(value.readableBytesView)
            } else {
                reply.writeRESPNullBulk(.v2)
            }
        case ("AUTH", 2):
            if String(buffer: argv[1]) == password {
                session.authenticated = true
                reply.writeRESPSimpleString("OK")
            } else {
                reply.writeRESPError("WRONGPASS invalid username-password pair or user is disabled.")
            }
        case ("QUIT", 1):
            session.quit = true
            reply.writeRESPSimpleString("OK")
        default:
            reply.writeRESPError("ERR unknown command '\(name)'")
        }
    }
}
