import Foundation
import Logging
import RedisServer
import TestSupport
import XCTest

/// Blocking list and sorted-set commands, CLIENT UNBLOCK and pub/sub over TCP, two or three
/// connections at a time, compared byte for byte with a real redis-server: one client blocks or
/// subscribes, another acts, and every reply each of them sees is recorded in order.
final class BlockingPubSubDifferentialTests: XCTestCase {
    /// One scenario's transcript on one server: each entry is a label and the reply bytes.
    private final class Transcript {
        var entries: [String] = []
        func record(_ label: String, _ bytes: [UInt8]) {
            entries.append("\(label) -> \(String(decoding: bytes, as: UTF8.self).debugDescription)")
        }
    }

    private struct Clients {
        let port: Int
        let transcript = Transcript()

        func connect() throws -> BlockingConnection { try BlockingConnection(port: port) }

        /// A round trip whose reply is recorded.
        func call(_ c: BlockingConnection, _ label: String, _ args: [String]) throws {
            transcript.record("\(label) \(args.joined(separator: " "))", try c.roundTrip(args))
        }

        /// Sends without waiting (the command blocks, or its reply is read later).
        func send(_ c: BlockingConnection, _ args: [String]) throws {
            var request = "*\(args.count)\r\n"
            for arg in args { request += "$\(arg.utf8.count)\r\n\(arg)\r\n" }
            try c.sendRaw(Array(request.utf8))
        }

        func read(_ c: BlockingConnection, _ label: String) throws {
            transcript.record(label, try c.readReply())
        }

        /// Waits (without a time limit of its own: each INFO round trip is bounded) until the server
        /// reports `count` blocked clients.
        func waitForBlocked(_ count: Int, via c: BlockingConnection) throws {
            for _ in 0..<2000 {
                let info = String(decoding: try c.roundTrip(["INFO", "clients"]), as: UTF8.self)
                if info.contains("blocked_clients:\(count)\r\n") { return }
                Thread.sleep(forTimeInterval: 0.005)
            }
            throw WaitFailure(description: "never saw \(count) blocked clients")
        }

        /// Reads messages until one contains `marker`, recording each.
        func readUntil(_ c: BlockingConnection, _ marker: String) throws {
            for _ in 0..<500 {
                let bytes = try c.readReply()
                transcript.record("event", bytes)
                if String(decoding: bytes, as: UTF8.self).contains(marker) { return }
            }
        }

        func clientID(_ c: BlockingConnection) throws -> String {
            let reply = String(decoding: try c.roundTrip(["CLIENT", "ID"]), as: UTF8.self)
            return String(reply.filter(\.isNumber))
        }
    }

    private struct WaitFailure: Error, CustomStringConvertible {
        var description: String
    }

    private typealias Scenario = (Clients) throws -> Void

    private func compare(_ name: String, _ scenario: Scenario) async throws {
        let reference = try ReferenceRedis.start()
        defer { reference.stop() }
        let server = try await RedisServer.start(
            configuration: RedisServerConfiguration(port: 0), logger: Logger(label: "test"))
        let real = Clients(port: reference.port)
        let ours = Clients(port: server.port)
        for (server, clients) in [("redis-server", real), ("archlab", ours)] {
            do {
                try scenario(clients)
            } catch {
                XCTFail("\(name) on \(server): \(error) after \(clients.transcript.entries.last ?? "nothing")")
                throw error
            }
        }
        try await server.shutdown()
        XCTAssertFalse(real.transcript.entries.isEmpty)
        for (index, (expected, actual)) in zip(real.transcript.entries, ours.transcript.entries).enumerated() {
            XCTAssertEqual(actual, expected, "\(name) step \(index)")
        }
        XCTAssertEqual(ours.transcript.entries.count, real.transcript.entries.count, name)
    }

    func testBlockedClientsAreServedInRedisOrder() async throws {
        try await compare("order") { t in
            let a = try t.connect(), b = try t.connect(), pusher = try t.connect()
            try t.send(a, ["BLPOP", "k1", "k2", "0"])
            try t.waitForBlocked(1, via: pusher)
            try t.call(pusher, "push", ["RPUSH", "k2", "x", "y"])
            try t.read(a, "a")
            try t.call(pusher, "left", ["LRANGE", "k2", "0", "-1"])
            // First blocked, first served; each gets one element.
            try t.send(a, ["BRPOP", "q", "0"])
            try t.waitForBlocked(1, via: pusher)
            try t.send(b, ["BLPOP", "q", "0"])
            try t.waitForBlocked(2, via: pusher)
            try t.call(pusher, "push", ["RPUSH", "q", "1", "2", "3"])
            try t.read(a, "a")
            try t.read(b, "b")
            try t.call(pusher, "left", ["LRANGE", "q", "0", "-1"])
            // A transaction's keys are served after EXEC, in the order they got data.
            try t.send(a, ["BLPOP", "m1", "m2", "0"])
            try t.waitForBlocked(1, via: pusher)
            try t.call(pusher, "multi", ["MULTI"])
            try t.call(pusher, "queue", ["RPUSH", "m2", "two"])
            try t.call(pusher, "queue", ["RPUSH", "m1", "one"])
            try t.call(pusher, "exec", ["EXEC"])
            try t.read(a, "a")
            try t.call(pusher, "m1", ["LRANGE", "m1", "0", "-1"])
            // A push then a delete inside one transaction wakes nobody.
            try t.send(a, ["BLPOP", "gone", "1"])
            try t.waitForBlocked(1, via: pusher)
            try t.call(pusher, "multi", ["MULTI"])
            try t.call(pusher, "queue", ["RPUSH", "gone", "x"])
            try t.call(pusher, "queue", ["DEL", "gone"])
            try t.call(pusher, "exec", ["EXEC"])
            try t.read(a, "a timed out")
        }
    }

    func testBlockingFormsOfEveryCommand() async throws {
        try await compare("forms") { t in
            let a = try t.connect(), pusher = try t.connect()
            try t.send(a, ["BLMOVE", "src", "dst", "LEFT", "RIGHT", "0"])
            try t.waitForBlocked(1, via: pusher)
            try t.call(pusher, "push", ["RPUSH", "src", "a", "b"])
            try t.read(a, "blmove")
            try t.call(pusher, "dst", ["LRANGE", "dst", "0", "-1"])
            try t.send(a, ["BRPOPLPUSH", "src2", "dst", "0"])
            try t.waitForBlocked(1, via: pusher)
            try t.call(pusher, "push", ["LPUSH", "src2", "c"])
            try t.read(a, "brpoplpush")
            try t.send(a, ["BLMPOP", "0", "2", "l1", "l2", "RIGHT", "COUNT", "5"])
            try t.waitForBlocked(1, via: pusher)
            try t.call(pusher, "push", ["RPUSH", "l2", "1", "2", "3"])
            try t.read(a, "blmpop")
            try t.send(a, ["BZPOPMIN", "z1", "z2", "0"])
            try t.waitForBlocked(1, via: pusher)
            try t.call(pusher, "zadd", ["ZADD", "z2", "1.5", "m", "2", "n"])
            try t.read(a, "bzpopmin")
            try t.send(a, ["BZPOPMAX", "z2", "0"])
            try t.read(a, "bzpopmax immediate")
            try t.send(a, ["BZMPOP", "0", "1", "z3", "MAX", "COUNT", "2"])
            try t.waitForBlocked(1, via: pusher)
            try t.call(pusher, "zadd", ["ZADD", "z3", "1", "a", "2", "b", "3", "c"])
            try t.read(a, "bzmpop")
            // The same in RESP3: scores are doubles, timeouts nulls.
            _ = try a.roundTrip(["HELLO", "3"])
            try t.send(a, ["BZPOPMAX", "z4", "0"])
            try t.waitForBlocked(1, via: pusher)
            try t.call(pusher, "zadd", ["ZADD", "z4", "7", "x"])
            try t.read(a, "bzpopmax resp3")
            try t.call(a, "timeout resp3", ["BLPOP", "none", "0.01"])
            try t.call(a, "bzmpop timeout resp3", ["BZMPOP", "0.01", "1", "none", "MIN"])
        }
    }

    func testNonBlockingFormsErrorsAndTransactions() async throws {
        try await compare("errors") { t in
            let c = try t.connect()
            let commands: [[String]] = [
                ["RPUSH", "l", "a", "b", "c"], ["LMOVE", "l", "l", "LEFT", "RIGHT"], ["LRANGE", "l", "0", "-1"],
                ["LMOVE", "l", "m", "RIGHT", "LEFT"], ["LMOVE", "l", "m", "UP", "LEFT"], ["RPOPLPUSH", "none", "m"],
                ["SET", "s", "x"], ["RPOPLPUSH", "l", "s"], ["RPOPLPUSH", "s", "l"], ["LRANGE", "l", "0", "-1"],
                ["LMPOP", "2", "none", "l", "LEFT"], ["LMPOP", "1", "l", "RIGHT", "COUNT", "10"], ["EXISTS", "l"],
                ["LMPOP", "0", "l", "LEFT"], ["LMPOP", "x", "l", "LEFT"], ["LMPOP", "5", "l", "LEFT"],
                ["LMPOP", "1", "l", "MIDDLE"], ["LMPOP", "1", "l", "LEFT", "COUNT", "0"],
                ["LMPOP", "1", "l", "LEFT", "COUNT", "1", "COUNT", "1"], ["LMPOP", "1", "l", "LEFT", "COUNT"],
                ["LMPOP", "1", "none", "LEFT"], ["LMPOP", "1", "s", "LEFT"],
                ["ZADD", "z", "1", "a", "2", "b", "3", "c"], ["ZPOPMAX", "z"], ["ZPOPMAX", "z", "5"], ["ZPOPMAX", "z"],
                ["ZPOPMAX", "none", "1"], ["ZPOPMAX", "s"], ["ZPOPMAX", "z", "-1"], ["ZPOPMAX", "z", "1", "2"],
                ["ZADD", "z", "1", "a", "2", "b"], ["ZMPOP", "1", "z", "MAX"],
                ["ZMPOP", "2", "x", "z", "MIN", "COUNT", "9"],
                ["ZMPOP", "1", "z", "MIN"], ["ZMPOP", "1", "z", "LEFT"], ["ZMPOP", "1", "s", "MIN"],
                ["BLPOP", "x", "-1"], ["BLPOP", "x", "abc"], ["BLPOP", "s", "0"], ["BLPOP", "x"],
                ["BRPOPLPUSH", "x", "y", "-0.5"], ["BLMOVE", "x", "y", "LEFT", "UP", "-1"],
                ["BLMPOP", "-1", "1", "x", "LEFT"], ["BLMPOP", "1", "0", "x", "LEFT"], ["BZMPOP", "x", "1", "z", "MIN"],
                ["BZPOPMIN", "s", "0"], ["BZPOPMIN", "x", "1e400"], ["BLPOP", "x", "inf"],
                ["MULTI"], ["BLPOP", "x", "0"], ["BRPOPLPUSH", "x", "y", "0"],
                ["BLMOVE", "x", "y", "LEFT", "LEFT", "0"],
                ["BZPOPMIN", "x", "0"], ["BLMPOP", "0", "1", "x", "LEFT"], ["BZMPOP", "0", "1", "x", "MIN"], ["EXEC"],
                ["CLIENT", "UNBLOCK", "999999"], ["CLIENT", "UNBLOCK", "x"], ["CLIENT", "UNBLOCK", "1", "maybe"],
                ["CLIENT", "UNBLOCK"], ["CLIENT", "UNBLOCK", "1", "ERROR", "x"],
            ]
            for args in commands { try t.call(c, "", args) }
            _ = try c.roundTrip(["HELLO", "3"])
            for args in [["ZADD", "z", "1", "a", "2", "b"], ["ZPOPMAX", "z", "1"], ["ZMPOP", "1", "z", "MIN"],
                         ["RPOPLPUSH", "none", "x"], ["LMPOP", "1", "none", "LEFT"]] {
                try t.call(c, "resp3", args)
            }
        }
    }

    func testClientUnblockPipelinesAndDisconnects() async throws {
        try await compare("unblock") { t in
            let a = try t.connect(), other = try t.connect()
            let id = try t.clientID(a)
            try t.send(a, ["BLPOP", "u", "0"])
            try t.waitForBlocked(1, via: other)
            t.transcript.record("unblock", try other.roundTrip(["CLIENT", "UNBLOCK", id]))
            try t.read(a, "a")
            try t.send(a, ["BZPOPMIN", "u", "0"])
            try t.waitForBlocked(1, via: other)
            t.transcript.record("unblock error", try other.roundTrip(["CLIENT", "UNBLOCK", id, "ERROR"]))
            try t.read(a, "a")
            t.transcript.record("not blocked", try other.roundTrip(["CLIENT", "UNBLOCK", id]))
            // Commands sent behind a blocked one wait for it.
            let pipeline = "*3\r\n$5\r\nBLPOP\r\n$1\r\np\r\n$1\r\n0\r\nPING\r\n*2\r\n$4\r\nECHO\r\n$2\r\nhi\r\n"
            try a.sendRaw(Array(pipeline.utf8))
            try t.waitForBlocked(1, via: other)
            try t.call(other, "push", ["LPUSH", "p", "v"])
            try t.read(a, "blpop")
            try t.read(a, "ping")
            try t.read(a, "echo")
            // A client that disconnects while blocked takes nothing.
            let gone = try t.connect()
            try t.send(gone, ["BLPOP", "d", "0"])
            try t.waitForBlocked(1, via: other)
            gone.close()
            try t.waitForBlocked(0, via: other)
            try t.call(other, "push", ["RPUSH", "d", "x"])
            try t.call(other, "kept", ["LRANGE", "d", "0", "-1"])
            // A timeout answers with a null array.
            try t.call(a, "timeout", ["BRPOPLPUSH", "none", "x", "0.02"])
        }
    }

    func testPublishSubscribeInRESP2AndRESP3() async throws {
        try await compare("pubsub") { t in
            let sub = try t.connect(), pub = try t.connect()
            try t.call(sub, "sub", ["SUBSCRIBE", "news"])
            try t.send(sub, ["SUBSCRIBE", "news", "sport"])
            try t.read(sub, "sub")
            try t.read(sub, "sub")
            try t.send(sub, ["PSUBSCRIBE", "n*", "s?ort"])
            try t.read(sub, "psub")
            try t.read(sub, "psub")
            try t.call(pub, "publish", ["PUBLISH", "news", "hello"])
            try t.read(sub, "message")
            try t.read(sub, "pmessage")
            try t.call(pub, "publish", ["PUBLISH", "sport", "goal"])
            try t.read(sub, "message")
            try t.read(sub, "pmessage")
            try t.call(pub, "publish", ["PUBLISH", "nothing", "x"])
            try t.read(sub, "pmessage")
            try t.call(pub, "publish", ["PUBLISH", "weather", "x"])
            try t.call(pub, "numsub", ["PUBSUB", "NUMSUB", "news", "weather"])
            try t.call(pub, "numpat", ["PUBSUB", "NUMPAT"])
            try t.call(pub, "channels", ["PUBSUB", "CHANNELS", "n*"])
            try t.call(pub, "bad", ["PUBSUB", "CHANNELS", "a", "b"])
            try t.call(pub, "bad", ["PUBSUB", "NUMPAT", "a"])
            try t.call(pub, "bad", ["PUBSUB", "NOPE"])
            try t.call(sub, "refused", ["GET", "x"])
            try t.call(sub, "refused", ["CLIENT", "ID"])
            try t.call(sub, "ping", ["PING"])
            try t.call(sub, "ping", ["PING", "hi"])
            // Without arguments Redis visits channels in hash-table order: leave one channel only.
            try t.call(sub, "unsub", ["UNSUBSCRIBE", "sport"])
            try t.call(sub, "unsub", ["UNSUBSCRIBE"])
            try t.send(sub, ["PUNSUBSCRIBE", "s?ort", "never"])
            try t.read(sub, "punsub")
            try t.read(sub, "punsub")
            try t.call(sub, "punsub", ["PUNSUBSCRIBE"])
            try t.call(sub, "unsub none", ["UNSUBSCRIBE"])
            try t.call(sub, "punsub none", ["PUNSUBSCRIBE"])
            try t.call(sub, "back", ["PING"])
            // RESP3: pushes, any command allowed, a message to oneself comes before PUBLISH's reply.
            _ = try sub.roundTrip(["HELLO", "3"])
            try t.call(sub, "sub3", ["SUBSCRIBE", "me"])
            try t.call(sub, "get3", ["GET", "x"])
            try t.send(sub, ["PUBLISH", "me", "self"])
            try t.read(sub, "self message")
            try t.read(sub, "publish reply")
            try t.call(pub, "publish", ["PUBLISH", "me", "other"])
            try t.read(sub, "message3")
            try t.call(sub, "ping3", ["PING"])
            try t.call(sub, "unsub3", ["UNSUBSCRIBE", "me"])
            try t.call(pub, "info", ["PUBSUB", "NUMSUB", "me"])
        }
    }

    func testKeyspaceNotificationsForTheCommandsThatExist() async throws {
        try await compare("notifications") { t in
            let sub = try t.connect(), c = try t.connect()
            try t.call(c, "config", ["CONFIG", "SET", "notify-keyspace-events", "KEA"])
            try t.call(c, "config", ["CONFIG", "GET", "notify-keyspace-events"])
            try t.call(c, "config", ["CONFIG", "SET", "notify-keyspace-events", "gx$lshzKEn"])
            try t.call(c, "config", ["CONFIG", "GET", "notify-keyspace-events"])
            try t.call(c, "config", ["CONFIG", "SET", "notify-keyspace-events", "Q"])
            try t.call(c, "config", ["CONFIG", "SET", "notify-keyspace-events", "AKEn"])
            try t.call(sub, "psub", ["PSUBSCRIBE", "*"])
            let commands: [[String]] = [
                ["SET", "s", "v"], ["SET", "s", "w", "EX", "100"], ["SETEX", "t", "100", "x"], ["SETNX", "s", "y"],
                ["EXPIRE", "s", "200"], ["EXPIRE", "t", "-1"], ["DEL", "s", "none"], ["RPUSH", "l", "a", "b"],
                ["LPUSH", "l", "c"], ["LPOP", "l"], ["RPOP", "l", "5"], ["SADD", "st", "a", "b"], ["SADD", "st", "a"],
                ["SREM", "st", "a", "b"], ["ZADD", "z", "1", "a", "2", "b"], ["ZADD", "z", "INCR", "1", "a"],
                ["ZREM", "z", "a"], ["HSET", "h", "f", "1"], ["HINCRBY", "h", "f", "2"], ["HDEL", "h", "f"],
                ["RPUSH", "src", "1", "2"], ["LMOVE", "src", "dst", "LEFT", "RIGHT"], ["RPOPLPUSH", "src", "dst"],
                ["LMPOP", "1", "dst", "LEFT", "COUNT", "5"], ["ZADD", "z2", "1", "a", "2", "b"], ["ZPOPMAX", "z2"],
                ["ZMPOP", "1", "z2", "MIN"], ["BLPOP", "none", "0.01"], ["RPUSH", "bl", "x"], ["BLPOP", "bl", "0"],
            ]
            for args in commands { try t.call(c, "", args) }
            try t.call(c, "end", ["PUBLISH", "end", "x"])
            try t.readUntil(sub, "end")
            try t.call(c, "config", ["CONFIG", "SET", "notify-keyspace-events", ""])
        }
    }
}
