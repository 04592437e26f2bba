import Foundation
import XCTest

/// Skips when a tool is missing, or fails when `ARCHLAB_REQUIRE_ALL=1` (as CI sets it).
func requireAvailable(_ available: Bool, _ reason: String) throws {
    guard !available else { return }
    if ProcessInfo.processInfo.environment["ARCHLAB_REQUIRE_ALL"] == "1" {
        XCTFail("required but unavailable: \(reason)")
    }
    throw XCTSkip(reason)
}

/// A real `redis-server` on a free loopback port, for differential tests; `stop()` ends it.
final class RedisProcess: @unchecked Sendable {
    let port: Int
    private let process: Process

    /// Starts `redis-server` from PATH, or returns nil when it is not installed; throws when
    /// it is installed but never listens (a failure, not a reason to skip).
    static func start() throws -> RedisProcess? {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        guard let executable = path.map({ "\($0)/redis-server" }).first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            return nil
        }
        for _ in 0..<5 {
            let port = Int.random(in: 20_000..<60_000)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            for _ in 0..<100 where process.isRunning {
                if listening(port) { return RedisProcess(port: port, process: process) }
                Thread.sleep(forTimeInterval: 0.02)
            }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
        }
        throw StartFailure(executable: executable)
    }

    struct StartFailure: Error, CustomStringConvertible {
        let executable: String
        var description: String { "\(executable) did not listen on any of 5 random loopback ports" }
    }

    private init(port: Int, process: Process) {
        self.port = port
        self.process = process
    }

    /// Ends the server with SIGKILL: it keeps no data, and a SIGTERM can stay blocked in a
    /// child that inherited the test runner's signal mask.
    func stop() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    private static func listening(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        } == 0
    }
}
