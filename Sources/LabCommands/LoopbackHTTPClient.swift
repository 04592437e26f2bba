import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A minimal blocking HTTP/1.1 client for `fire`: one request per connection (`Connection: close`)
/// to 127.0.0.1, reading the whole response. ``request(path:headers:body:)`` runs it on a thread of its
/// own, never on the async pool, which the in-process server answering it needs.
struct LoopbackHTTPClient: Sendable {
    struct Response {
        var status: Int
        var reason: String
        /// Header names lower-cased.
        var headers: [String: String]
        var body: String
    }

    let port: Int
    /// Seconds to wait for the server before giving up on a request.
    var timeoutSeconds = 60

    /// Sends the request from a dedicated thread and awaits the response.
    func request(path: String, headers: [(String, String)], body: String) async throws -> Response {
        try await BlockingIO.run { try post(path: path, headers: headers, body: body) }
    }

    /// Sends the request and blocks the calling thread until the whole response is read.
    func post(path: String, headers: [(String, String)], body: String) throws -> Response {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw ReplLabError.invalid("Cannot open a socket (errno \(errno)).") }
        defer { close(descriptor) }
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        _ = setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(truncatingIfNeeded: port)).bigEndian
        address.sin_addr.s_addr = in_addr_t(0x7F00_0001).bigEndian
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            throw ReplLabError.invalid("Cannot connect to 127.0.0.1:\(port) (errno \(errno)).")
        }
        var request = "POST \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        for (name, value) in headers { request += "\(name): \(value)\r\n" }
        request += "Content-Length: \(body.utf8.count)\r\n\r\n" + body
        let bytes = Array(request.utf8)
        var sent = 0
        while sent < bytes.count {
            let result = bytes[sent...].withUnsafeBytes {
                send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            guard result > 0 else {
                throw ReplLabError.invalid("The server closed the connection while the request was sent.")
            }
            sent += result
        }
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count == 0 { break }
            guard count > 0 else {
                throw ReplLabError.invalid("No complete answer from 127.0.0.1:\(port) within \(timeoutSeconds) s.")
            }
            received += chunk[..<count]
        }
        return try Self.parse(received)
    }

    /// Splits a complete `Connection: close` response into status, headers and body (chunked bodies decoded).
    static func parse(_ bytes: [UInt8]) throws -> Response {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let split = text.range(of: "\r\n\r\n") else {
            throw ReplLabError.invalid("The server sent an incomplete HTTP response.")
        }
        let lines = text[..<split.lowerBound].components(separatedBy: "\r\n")
        let statusParts = lines[0].split(separator: " ", maxSplits: 2).map(String.init)
        guard statusParts.count >= 2, statusParts[0].hasPrefix("HTTP/1."), let status = Int(statusParts[1]) else {
            throw ReplLabError.invalid("The server sent a malformed status line.")
        }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(
                in: .whitespaces)
        }
        var body = String(text[split.upperBound...])
        if headers["transfer-encoding"]?.lowercased() == "chunked" { body = dechunk(body) }
        return Response(
            status: status, reason: statusParts.count > 2 ? statusParts[2] : "", headers: headers, body: body)
    }

    private static func dechunk(_ text: String) -> String {
        var rest = Array(text.utf8)[...]
        var body: [UInt8] = []
        while let lineEnd = rest.firstIndex(of: 0x0D), rest.index(after: lineEnd) < rest.endIndex,
            rest[rest.index(after: lineEnd)] == 0x0A
        {
            let sizeText = String(decoding: rest[..<lineEnd], as: UTF8.self).split(separator: ";").first ?? ""
            guard let size = Int(sizeText.trimmingCharacters(in: .whitespaces), radix: 16), size > 0 else { break }
            let start = lineEnd + 2
            guard start + size <= rest.endIndex else { break }
            body += rest[start..<(start + size)]
            rest = rest[min(start + size + 2, rest.endIndex)...]
        }
        return String(decoding: body, as: UTF8.self)
    }
}
