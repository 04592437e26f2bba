import Foundation
import TestSupport
import XCTest

#if canImport(Glibc)
import Glibc
#endif

/// `archlab serve` running as a child process on a free port, its output in a log file, with a
/// keep-alive HTTP connection for sending many requests quickly.
final class ServeProcess {
    let process = Process()
    let port: Int
    private let log: URL

    /// Starts `archlab serve --port 0 ARGUMENTS` in `directory` and waits (up to 60 s) for its "serving … on" line.
    init(_ arguments: [String], in directory: URL) throws {
        log = directory.appendingPathComponent("serve-\(UUID().uuidString).log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process.executableURL = try ArchLabRunner.binary
        process.arguments = ["serve", "--port", "0"] + arguments
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        process.currentDirectoryURL = directory
        try process.run()
        var found: Int?
        for _ in 0..<600 {
            if let match = Self.read(log).firstMatch(
                of: #/serving server\.swift step \d on http://127\.0\.0\.1:(\d+) /#)
            {
                found = Int(match.output.1)
                break
            }
            guard process.isRunning else { break }
            Thread.sleep(forTimeInterval: 0.1)
        }
        guard let found else {
            process.terminate()
            throw ServeTestFailure("serve did not start: \(Self.read(log))")
        }
        port = found
    }

    /// Everything the server printed so far.
    var text: String { Self.read(log) }

    private static func read(_ log: URL) -> String {
        (try? String(contentsOf: log, encoding: .utf8)) ?? ""
    }

    /// The child's resident set size in kB (`VmRSS` in /proc/PID/status).
    func residentKilobytes() throws -> Int {
        let status = try String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8)
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
            let kilobytes = Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
        else { throw ServeTestFailure("no VmRSS in /proc status") }
        return kilobytes
    }

    /// Stops the server with SIGTERM and waits for it.
    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }

    deinit {
        stop()
    }
}

/// One keep-alive HTTP/1.1 connection to loopback: a request, then its whole response, in turn.
final class KeepAliveHTTP {
    struct Response {
        var status: Int
        var head: String
        var body: String
    }

    private let fd: Int32
    private var pending: [UInt8] = []

    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = loopback(port: port)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            Glibc.close(fd)
            throw ServeTestFailure("cannot connect to 127.0.0.1:\(port)")
        }
    }

    deinit { Glibc.close(fd) }

    func send(_ method: String, _ path: String, body: String = "", headers: [String: String] = [:]) throws -> Response {
        var request = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: \(body.utf8.count)\r\n"
        for (name, value) in headers { request += "\(name): \(value)\r\n" }
        let bytes = Array((request + "\r\n" + body).utf8)
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { throw ServeTestFailure("send failed: errno \(errno)") }
            sent += count
        }
        return try readResponse()
    }

    private func readResponse() throws -> Response {
        let separator = Array("\r\n\r\n".utf8)
        while true {
            if let end = pending.firstRange(of: separator) {
                let head = String(decoding: pending[..<end.lowerBound], as: UTF8.self)
                let length =
                    head.split(separator: "\r\n")
                    .first { $0.lowercased().hasPrefix("content-length:") }
                    .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
                if pending.count >= end.upperBound + length {
                    let body = String(decoding: pending[end.upperBound..<end.upperBound + length], as: UTF8.self)
                    pending.removeFirst(end.upperBound + length)
                    let status = Int(head.split(separator: " ").dropFirst().first ?? "") ?? 0
                    return Response(status: status, head: head, body: body)
                }
            }
            var buffer = [UInt8](repeating: 0, count: 65536)
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { throw ServeTestFailure("the server closed the connection or timed out") }
            pending += buffer[0..<count]
        }
    }
}

/// What went wrong talking to the server under test.
struct ServeTestFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
