import Foundation

/// What a finished child process wrote, and its exit status.
public struct ProcessOutput: Sendable {
    public let status: Int32
    public let stdout: String
    public let stderr: String
    /// Whether the process was killed for running past its time limit.
    public var timedOut = false

    public init(status: Int32, stdout: String, stderr: String, timedOut: Bool = false) {
        self.status = status
        self.stdout = stdout
        self.stderr = stderr
        self.timedOut = timedOut
    }
}

/// Runs child processes to their end and captures what a user would see.
public enum ProcessCapture {
    /// Runs `process` to its end with `input` (or nothing) on standard input and returns what it
    /// wrote; standard error is read on another thread, so neither pipe can fill up and stall it.
    /// With a `timeout` (seconds) a process still running then is killed and reported as timed out.
    public static func run(_ process: Process, input: String? = nil, timeout: Double? = nil) throws -> ProcessOutput {
        let stdin = Pipe()
        let out = Pipe()
        let err = Pipe()
        process.standardInput = input == nil ? FileHandle.nullDevice : stdin
        process.standardOutput = out
        process.standardError = err
        try process.run()
        if let input {
            stdin.fileHandleForWriting.write(Data(input.utf8))
            try stdin.fileHandleForWriting.close()
        }
        let finished = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var timedOut = false
        if let timeout {
            let pid = process.processIdentifier
            DispatchQueue.global().async {
                if finished.wait(timeout: .now() + timeout) == .timedOut {
                    timedOut = true
                    kill(pid, SIGKILL)
                }
            }
        }
        let group = DispatchGroup()
        nonisolated(unsafe) var errorData = Data()
        group.enter()
        DispatchQueue.global().async {
            errorData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outputData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        finished.signal()
        return ProcessOutput(
            status: process.terminationStatus, stdout: String(decoding: outputData, as: UTF8.self),
            stderr: String(decoding: errorData, as: UTF8.self), timedOut: timedOut)
    }

    /// Runs `executable` with `arguments`, its environment the test's with `environment` laid over it.
    public static func run(
        _ executable: URL, _ arguments: [String], environment: [String: String] = [:], input: String? = nil,
        timeout: Double? = nil
    ) throws -> ProcessOutput {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        return try run(process, input: input, timeout: timeout)
    }
}
