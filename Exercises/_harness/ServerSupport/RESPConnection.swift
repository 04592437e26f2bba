// Provided by ArchLab: do not edit (`archlab check` verifies this file before every check).
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A reply from a Redis server.
public indirect enum RESPReply: Equatable {
    case simple(String)
    case error(String)
    case integer(Int)
    case bulk(String)
    case null
    case array([RESPReply])

    /// The text of a simple or bulk string reply, nil otherwise.
    public var text: String? {
        switch self {
        case .simple(let text), .bulk(let text): return text
        default: return nil
        }
    }
}

/// What went wrong talking to Redis.
public struct RESPConnectionError: Error, CustomStringConvertible {
    public let description: String
}

/// A tiny blocking Redis client over one TCP socket: `try redis.send(["SETEX", key, "3600", value])`.
public final class RESPConnection {
    private let socket: Int32
    private var buffer: [UInt8] = []

    /// Connects to `host:port` (an IPv4 address such as `127.0.0.1:6379`).
    public init(address: String) throws {
        let parts = address.split(separator: ":")
        guard parts.count == 2, let port = UInt16(parts[1]) else {
            throw RESPConnectionError(description: "bad Redis address \(address)")
        }
        #if canImport(Glibc)
        let fd = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = Darwin.socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw RESPConnectionError(description: "cannot open a socket") }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = port.bigEndian
        inet_pton(AF_INET, String(parts[0]), &addr.sin_addr)
        let result = withUnsafePointer(to: &addr) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            close(fd)
            throw RESPConnectionError(description: "cannot connect to Redis at \(address)")
        }
        socket = fd
    }

    deinit { close(socket) }

    /// Sends one command and waits for its reply. A Redis error reply is returned as `.error`, not thrown.
    public func send(_ arguments: [String]) throws -> RESPReply {
        var bytes = Array("*\(arguments.count)\r\n".utf8)
        for argument in arguments {
            bytes += Array("$\(argument.utf8.count)\r\n".utf8) + Array(argument.utf8) + [13, 10]
        }
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { write(socket, $0.baseAddress, $0.count) }
            guard n > 0 else { throw RESPConnectionError(description: "Redis closed the connection") }
            sent += n
        }
        return try readReply()
    }

    private func readLine() throws -> String {
        while true {
            if let end = buffer.firstIndex(of: 10), end > 0, buffer[end - 1] == 13 {
                let line = String(decoding: buffer[..<(end - 1)], as: UTF8.self)
                buffer.removeFirst(end + 1)
                return line
            }
            try fill()
        }
    }

    private func fill() throws {
        var chunk = [UInt8](repeating: 0, count: 4096)
        let n = chunk.withUnsafeMutableBytes { read(socket, $0.baseAddress, $0.count) }
        guard n > 0 else { throw RESPConnectionError(description: "Redis closed the connection") }
        buffer += chunk[..<n]
    }

    private func readReply() throws -> RESPReply {
        let line = try readLine()
        guard let kind = line.first else { throw RESPConnectionError(description: "empty reply") }
        let rest = String(line.dropFirst())
        switch kind {
        case "+": return .simple(rest)
        case "-": return .error(rest)
        case ":": return .integer(Int(rest) ?? 0)
        case "$":
            guard let length = Int(rest), length >= 0 else { return .null }
            while buffer.count < length + 2 { try fill() }
            let text = String(decoding: buffer[..<length], as: UTF8.self)
            buffer.removeFirst(length + 2)
            return .bulk(text)
        case "*":
            guard let count = Int(rest), count >= 0 else { return .null }
            return .array(try (0..<count).map { _ in try readReply() })
        default:
            throw RESPConnectionError(description: "unexpected reply \(line)")
        }
    }
}
