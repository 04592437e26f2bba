import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A real `redis-server` on a free loopback port, the reference for differential tests; `stop()` ends it.
public final class ReferenceRedis: @unchecked Sendable {
    public let port: Int
    private let process: Process

    /// Starts `redis-server` from PATH: a skip (a failure under `ARCHLAB_REQUIRE_ALL=1`) when it is
    /// not installed; throws when it is installed but never listens (a failure, not a reason to skip).
    /// `arguments` are added after the defaults, so `["--bind", "0.0.0.0"]` replaces the loopback bind.
    /// `port`: listen there (a server started again after `stop()`), else on a free port.
    public static func start(arguments: [String] = [], port fixedPort: Int? = nil) throws -> ReferenceRedis {
        let executable = try requireExecutable(
            "redis-server", "redis-server is not installed (apt-get install redis-server)")
        for _ in 0..<5 {
            let port = try fixedPort ?? freePort()
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments =
                [
                    "--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                    "--daemonize", "no", "--loglevel", "warning",
                ] + arguments
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            for _ in 0..<250 where process.isRunning {
                if canConnect(port: port) { return ReferenceRedis(port: port, process: process) }
                Thread.sleep(forTimeInterval: 0.02)
            }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
        }
        throw StartFailure(executable: executable)
    }

    /// redis-server ran but listened on none of the ports it was given.
    public struct StartFailure: Error, CustomStringConvertible {
        let executable: String
        public var description: String { "\(executable) did not listen on any of 5 free loopback ports" }
    }

    private init(port: Int, process: Process) {
        self.port = port
        self.process = process
    }

    /// Ends the server with SIGKILL: it keeps no data, and a SIGTERM can stay blocked in a
    /// child that inherited the test runner's signal mask.
    public func stop() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}
