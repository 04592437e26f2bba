import Keyspace
import NIOCore
import RESP
import XCTest

final class TransactionTests: XCTestCase {
    func testExecRunsQueuedCommandsInOrder() {
        let h = Harness()
        XCTAssertEqual(h.raw("MULTI"), "+OK\r\n")
        XCTAssertEqual(h.raw("SET", "k", "1"), "+QUEUED\r\n")
        XCTAssertEqual(h.raw("INCR", "k"), "+QUEUED\r\n")
        XCTAssertTrue(h.keyspace.makeSession().isInTransaction == false)
        XCTAssertEqual(h.raw("EXEC"), "*2\r\n+OK\r\n:2\r\n")
    }

    func testQueueingErrorAbortsExec() {
        let h = Harness()
        h.raw("MULTI")
        h.raw("SET", "k")
        XCTAssertEqual(h.raw("EXEC"), "-EXECABORT Transaction discarded because of previous errors.\r\n")
        XCTAssertEqual(h.raw("GET", "k"), "$-1\r\n")
    }

    func testWatchedKeyChangedByAnotherClientFailsExec() {
        let h = Harness()
        h.raw("SET", "k", "v")
        h.raw("WATCH", "k")
        let other = h.keyspace.makeSession()
        var reply = ByteBuffer()
        h.keyspace.execute(["SET", "k", "w"].map { ByteBuffer(string: $0) }, session: other, into: &reply)
        h.raw("MULTI")
        h.raw("GET", "k")
        XCTAssertEqual(h.raw("EXEC"), "*-1\r\n")
        h.raw("WATCH", "k")
        h.raw("MULTI")
        h.raw("GET", "k")
        XCTAssertEqual(h.raw("EXEC"), "*1\r\n$1\r\nw\r\n")
    }

    func testWatchedKeyExpiringFailsExec() {
        let h = Harness()
        h.raw("SET", "k", "v", "PX", "10")
        h.raw("WATCH", "k")
        h.clock.advance(milliseconds: 20)
        h.keyspace.activeExpireCycle()
        h.raw("MULTI")
        h.raw("PING")
        XCTAssertEqual(h.raw("EXEC"), "*-1\r\n")
    }

    func testKeyAlreadyExpiredWhenWatchedDoesNotFailExec() {
        let h = Harness()
        h.raw("SET", "k", "v", "PX", "10")
        h.clock.advance(milliseconds: 20)
        h.raw("WATCH", "k")
        h.keyspace.activeExpireCycle()
        h.raw("MULTI")
        h.raw("PING")
        XCTAssertEqual(h.raw("EXEC"), "*1\r\n+PONG\r\n")
    }

    func testClosingASessionForgetsItsWatches() {
        let h = Harness()
        h.raw("WATCH", "k")
        h.keyspace.closeSession(h.session)
        h.session = h.keyspace.makeSession()
        h.raw("SET", "k", "v")
        XCTAssertEqual(h.raw("GET", "k"), "$1\r\nv\r\n")
    }
}
