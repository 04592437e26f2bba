import Foundation
import Keyspace
import NIOCore
import RESP
import XCTest

#if canImport(Glibc)
import Glibc
#endif

/// A real `redis-server` started for the tests on a free loopback port, stopped on `stop()`.
final class RealRedis {
    let port: Int
    private let process: Process

    /// Starts redis-server, or throws XCTSkip (XCTFail under ARCHLAB_REQUIRE_ALL=1) when absent.
    static func start() throws -> RealRedis? {
        let candidates = ["/usr/bin/redis-server", "/usr/local/bin/redis-server", "/usr/sbin/redis-server"]
        guard let path = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            let reason = "redis-server is not installed; the differential suite needs it"
            if ProcessInfo.processInfo.environment["ARCHLAB_REQUIRE_ALL"] == "1" {
                XCTFail(reason)
                return nil
            }
            throw XCTSkip(reason)
        }
        return try RealRedis(path: path)
    }

    private init(path: String) throws {
        port = try Self.freePort()
        process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = [
            "--port", "\(port)", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
            "--daemonize", "no", "--loglevel", "warning",
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        for _ in 0..<100 {
            if let connection = try? BlockingRedisConnection(port: port) {
                connection.close()
                return
            }
            usleep(50_000)
        }
        process.terminate()
        throw RealRedisError(message: "redis-server did not start on port \(port)")
    }

    func stop() {
        process.terminate()
        process.waitUntilExit()
    }

    private static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw RealRedisError(message: "socket() failed") }
        defer { Glibc.close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        guard bound == 0 else { throw RealRedisError(message: "bind() failed") }
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else { throw RealRedisError(message: "getsockname() failed") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

struct RealRedisError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// A tiny blocking RESP client over a Glibc socket: send one command, read one complete reply.
final class BlockingRedisConnection {
    private let fd: Int32
    private var pending: [UInt8] = []

    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw RealRedisError(message: "socket() failed") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            Glibc.close(fd)
            throw RealRedisError(message: "connect() to port \(port) failed")
        }
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    func close() { Glibc.close(fd) }

    /// Sends a command and returns the bytes of exactly one reply.
    func roundTrip(_ arguments: [String]) throws -> [UInt8] {
        let frame = CommandScript.encode(arguments)
        var sent = 0
        while sent < frame.count {
            let n = frame[sent...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
            guard n > 0 else { throw RealRedisError(message: "send() failed") }
            sent += n
        }
        while true {
            var buffer = ByteBuffer(bytes: pending)
            let before = buffer.readerIndex
            if (try? RESPReplyParser.parse(&buffer)) != nil {
                let used = buffer.readerIndex - before
                let reply = Array(pending[..<used])
                pending.removeFirst(used)
                return reply
            }
            var chunk = [UInt8](repeating: 0, count: 65536)
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            guard n > 0 else { throw RealRedisError(message: "connection closed or timed out") }
            pending += chunk[..<n]
        }
    }
}
