import Keyspace
import NIOCore
import RESP
import XCTest

final class ConnectionTests: XCTestCase {
    func testPasswordGatesCommandsUntilAuth() {
        let h = Harness(KeyspaceConfiguration(requirepass: "pw"))
        XCTAssertEqual(h.raw("GET", "k"), "-NOAUTH Authentication required.\r\n")
        XCTAssertEqual(h.raw("AUTH", "nope"), "-WRONGPASS invalid username-password pair or user is disabled.\r\n")
        XCTAssertEqual(h.raw("AUTH", "pw"), "+OK\r\n")
        XCTAssertEqual(h.raw("GET", "k"), "$-1\r\n")
    }

    func testHelloSwitchesToRESP3WithSevenFields() throws {
        let h = Harness(KeyspaceConfiguration(requirepass: "pw"))
        guard case .map(let fields) = try h.value("HELLO", "3", "AUTH", "default", "pw", "SETNAME", "app") else {
            return XCTFail("HELLO 3 must answer a map")
        }
        XCTAssertEqual(
            fields.map { $0.key.text ?? "" }, ["server", "version", "proto", "id", "mode", "role", "modules"])
        XCTAssertEqual(h.session.protocolVersion, .v3)
        XCTAssertEqual(h.raw("CLIENT", "GETNAME"), "$3\r\napp\r\n")
        XCTAssertEqual(h.raw("GET", "missing"), "_\r\n")
        h.raw("ZADD", "z", "1.5", "m")
        XCTAssertEqual(h.raw("ZSCORE", "z", "m"), ",1.5\r\n")
    }

    func testClientIdsAreDistinctAndSetInfoIsStored() {
        let h = Harness()
        let other = h.keyspace.makeSession()
        XCTAssertNotEqual(h.session.id, other.id)
        XCTAssertEqual(h.raw("CLIENT", "ID"), ":\(h.session.id)\r\n")
        XCTAssertEqual(h.raw("CLIENT", "SETINFO", "LIB-NAME", "redis-py"), "+OK\r\n")
        XCTAssertEqual(h.session.libraryName, "redis-py")
    }

    func testQuitAsksToClose() {
        let h = Harness()
        XCTAssertEqual(h.raw("QUIT"), "+OK\r\n")
        XCTAssertTrue(h.session.shouldClose)
    }

    func testInfoReportsHitsMissesAndResetstatClearsThem() {
        let h = Harness()
        h.raw("SET", "k", "v")
        h.raw("GET", "k")
        h.raw("GET", "nope")
        h.raw("GET", "nope")
        XCTAssertEqual(h.info("keyspace_hits"), 1)
        XCTAssertEqual(h.info("keyspace_misses"), 2)
        XCTAssertTrue(h.keyspace.infoText(sections: ["keyspace"]).contains("db0:keys=1,expires=0,avg_ttl=0"))
        XCTAssertEqual(h.raw("CONFIG", "RESETSTAT"), "+OK\r\n")
        XCTAssertEqual(h.info("keyspace_misses"), 0)
    }

    func testSharedKeyspaceSendsCommands() async throws {
        let shared = SharedKeyspace()
        let reply = try await shared.send(["SET", "k", "v", "EX", "60"])
        XCTAssertEqual(reply, .simpleString("OK"))
        let value = try await shared.send(["GET", "k"])
        XCTAssertEqual(value, .bulk("v"))
        let error = try await shared.send(["INCR", "k"])
        XCTAssertEqual(error, .error("ERR value is not an integer or out of range"))
    }

    func testMemoryValuesParseLikeRedis() {
        XCTAssertEqual(parseMemoryValue("64mb"), 64 * 1024 * 1024)
        XCTAssertEqual(parseMemoryValue("1k"), 1000)
        XCTAssertEqual(parseMemoryValue("2GB"), 2 * 1024 * 1024 * 1024)
        XCTAssertNil(parseMemoryValue("-1"))
        XCTAssertNil(parseMemoryValue("12xb"))
    }
}
