import Foundation
import NIOCore
import RESP

#if canImport(Glibc)
import Glibc
#endif

/// A plain blocking TCP connection that returns each reply's exact bytes, for byte-for-byte
/// comparisons between servers.
public final class BlockingConnection {
    private var fd: Int32
    private var pending = ByteBuffer()

    /// The connection failed, closed, or timed out waiting for a reply.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Connects to 127.0.0.1:`port`; a read waits at most ten seconds. With `source` (an IPv4
    /// address such as 127.0.0.2) the socket is bound to it first, so the server sees that peer.
    public init(port: Int, source: String? = nil) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        if let source {
            var local = loopback(port: 0)
            local.sin_addr.s_addr = inet_addr(source)
            let bound = withUnsafePointer(to: &local) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            if bound != 0 {
                Glibc.close(fd)
                throw Failure(description: "cannot bind the client socket to \(source)")
            }
        }
        var address = loopback(port: port)
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        if result != 0 {
            Glibc.close(fd)
            throw Failure(description: "cannot connect to 127.0.0.1:\(port)")
        }
    }

    /// Sends one command as a multi-bulk request and returns the bytes of its reply.
    public func roundTrip(_ arguments: [[UInt8]]) throws -> [UInt8] {
        var request = ByteBuffer()
        request.writeRESPArrayHeader(arguments.count)
        for argument in arguments { request.writeRESPBulk(argument) }
        let bytes = Array(request.readableBytesView)
        let sent = bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
        guard sent == bytes.count else { throw Failure(description: "short write") }
        var decoder = RESPValueDecoder()
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let before = pending
            if try decoder.next(from: &pending) != nil {
                return Array(before.readableBytesView.prefix(before.readableBytes - pending.readableBytes))
            }
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { throw Failure(description: "connection closed or timed out waiting for a reply") }
            pending.writeBytes(chunk[0..<count])
        }
    }

    /// The bytes of the next reply (or push message) the server sends, without sending anything:
    /// the answer of a command sent with `sendRaw`, a blocked command's reply, a pub/sub message.
    public func readReply() throws -> [UInt8] {
        var decoder = RESPValueDecoder()
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let before = pending
            if try decoder.next(from: &pending) != nil {
                return Array(before.readableBytesView.prefix(before.readableBytes - pending.readableBytes))
            }
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { throw Failure(description: "connection closed or timed out waiting for a reply") }
            pending.writeBytes(chunk[0..<count])
        }
    }

    /// Sends one command given as text and returns the bytes of its reply.
    public func roundTrip(_ arguments: [String]) throws -> [UInt8] {
        try roundTrip(arguments.map { Array($0.utf8) })
    }

    /// Every byte the server sends until it closes the connection (or ten seconds pass).
    public func readUntilClosed() -> [UInt8] {
        var received = Array(pending.readableBytesView)
        pending.clear()
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { return received }
            received.append(contentsOf: chunk[0..<count])
        }
    }

    /// Sends `bytes` as they are, without waiting for a reply.
    public func sendRaw(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { throw Failure(description: "connection closed while sending") }
            offset += sent
        }
    }

    /// Closes the socket; later round trips fail.
    public func close() {
        guard fd >= 0 else { return }
        _ = Glibc.close(fd)
        fd = -1
    }

    deinit {
        close()
    }
}
