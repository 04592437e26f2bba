import Foundation

/// A child process whose stdout is read line by line and which can be SIGKILLed at any moment.
final class KillableChild {
    private let process = Process()
    private let output = Pipe()
    private let errorURL: URL
    private var buffered = Data()

    init(executable: URL, arguments: [String]) throws {
        errorURL = FileManager.default.temporaryDirectory.appendingPathComponent("archlab-child-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: errorURL.path, contents: nil)
        process.executableURL = executable
        process.arguments = arguments
        process.standardOutput = output
        process.standardError = try FileHandle(forWritingTo: errorURL)
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    deinit {
        try? FileManager.default.removeItem(at: errorURL)
    }

    /// Reads stdout until a line equal to `line` arrived; false at end of output.
    func readUntilLine(_ line: String) -> Bool {
        let wanted = Data((line + "\n").utf8)
        while buffered.range(of: wanted) == nil {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { return false }
            buffered.append(chunk)
        }
        return true
    }

    func kill() {
        _ = Foundation.kill(process.processIdentifier, SIGKILL)
    }

    /// Reads the rest of stdout, waits for the exit and returns everything printed.
    func finish() -> String {
        buffered.append(output.fileHandleForReading.readDataToEndOfFile())
        process.waitUntilExit()
        return String(decoding: buffered, as: UTF8.self)
    }

    var status: Int32 { process.terminationStatus }

    /// True when the child ended by SIGKILL (rather than finishing or failing on its own).
    var wasKilled: Bool {
        process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL
    }

    func stderrText() -> String {
        String(decoding: (try? Data(contentsOf: errorURL)) ?? Data(), as: UTF8.self)
    }
}
