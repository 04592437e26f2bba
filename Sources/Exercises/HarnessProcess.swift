import CourseKit
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How one harness call ended.
enum HarnessReply: Sendable, Equatable {
    case ok(ExerciseValue)
    /// The harness answered with an error (a thrown Swift error in the learner's code, an unknown call…).
    case error(String)
    /// No answer within the time limit; the process was killed.
    case timedOut
    /// The process ended before answering: a crash (with what it printed) or an exit.
    case ended(HarnessCrash)
}

/// How the harness process ended, and where in the learner's code, when its crash report says.
struct HarnessCrash: Sendable, Equatable {
    /// The signal that ended it, or nil for a plain exit.
    let signal: Int32?
    let exitStatus: Int32?
    /// The first line of the crash output, if any (`Fatal error: Index out of range`).
    let message: String?
    /// `Sources/ServerSwift/File.swift:12` from the crash output, if it names one.
    let location: String?

    var summary: String {
        var text =
            signal.map { "the harness crashed (signal \($0), \(Self.signalName($0)))" }
            ?? "the harness exited with status \(exitStatus ?? -1) before answering"
        if let message { text += ": \(message)" }
        if let location { text += " at \(location)" }
        return text
    }

    static func signalName(_ signal: Int32) -> String {
        switch signal {
        case SIGILL: return "SIGILL"
        case SIGTRAP: return "SIGTRAP"
        case SIGABRT: return "SIGABRT"
        case SIGBUS: return "SIGBUS"
        case SIGSEGV: return "SIGSEGV"
        case SIGKILL: return "SIGKILL"
        case SIGFPE: return "SIGFPE"
        default: return "signal \(signal)"
        }
    }
}

/// The learner's harness as a child process: JSON lines over pipes, a time limit per test, a memory limit
/// (`ulimit -v` in the `/bin/sh` that `exec`s it), and the Swift runtime's backtracer on for file:line on a crash.
final class HarnessProcess {
    private let process = Process()
    private let input: FileHandle
    private let output: Int32
    private let errorLog: URL
    private var buffer: [UInt8] = []
    private var nextID = 1
    private(set) var crash: HarnessCrash?
    private(set) var isRunning = true

    /// Memory limit in KiB for the learner's process.
    static let memoryLimitKiB = 4 * 1024 * 1024

    init(executable: URL, redisAddress: String?) throws(ExerciseError) {
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "ulimit -v \(Self.memoryLimitKiB) 2>/dev/null; exec \"$0\"", executable.path]
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_BACKTRACE"] = "enable=yes,interactive=no,color=no,sanitize=no,preset=friendly"
        if let redisAddress { environment["ARCHLAB_REDIS_ADDRESS"] = redisAddress }
        process.environment = environment
        let stdin = Pipe()
        let stdout = Pipe()
        errorLog = FileManager.default.temporaryDirectory.appendingPathComponent(
            "archlab-harness-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: errorLog.path, contents: nil)
        process.standardInput = stdin
        process.standardOutput = stdout
        do {
            process.standardError = try FileHandle(forWritingTo: errorLog)
            try process.run()
        } catch {
            throw .io(executable.path, "cannot start the harness: \(error.localizedDescription)")
        }
        input = stdin.fileHandleForWriting
        output = stdout.fileHandleForReading.fileDescriptor
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        try? FileManager.default.removeItem(at: errorLog)
    }

    /// Sends one call and waits for its reply until `deadline`.
    func call(_ call: String, args: [String: ExerciseValue], deadline: Date) -> HarnessReply {
        guard isRunning else {
            return .ended(crash ?? HarnessCrash(signal: nil, exitStatus: nil, message: nil, location: nil))
        }
        let id = nextID
        nextID += 1
        let line =
            "{\"id\":\(id),\"call\":\(ExerciseValue.string(call).json),\"args\":\(ExerciseValue.object(args).json)}\n"
        signal(SIGPIPE, SIG_IGN)
        do {
            try input.write(contentsOf: Data(line.utf8))
        } catch {
            return .ended(finish())
        }
        while true {
            switch readLine(deadline: deadline) {
            case .line(let text):
                guard let reply = JSONLineParser.parse(text), reply["id"]?.int == Int64(id) else { continue }
                if let error = reply["error"]?.string { return .error(error) }
                return .ok(reply["ok"] ?? .null)
            case .timedOut:
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                isRunning = false
                return .timedOut
            case .closed:
                return .ended(finish())
            }
        }
    }

    /// Closes the harness's input and waits for it to exit (killing it after `grace` seconds).
    func close(grace: TimeInterval = 5) {
        guard isRunning else { return }
        try? input.close()
        let deadline = Date().addingTimeInterval(grace)
        while process.isRunning, Date() < deadline { usleep(10_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        isRunning = false
    }

    /// What the learner's code wrote to stderr (its `print`s go there too).
    var errorOutput: String {
        (FileManager.default.contents(atPath: errorLog.path)).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    private enum LineRead {
        case line(String)
        case timedOut
        case closed
    }

    private func readLine(deadline: Date) -> LineRead {
        while true {
            if let newline = buffer.firstIndex(of: 10) {
                let line = String(decoding: buffer[..<newline], as: UTF8.self)
                buffer.removeFirst(newline + 1)
                return .line(line)
            }
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 0 else { return .timedOut }
            var descriptor = pollfd(fd: output, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, Int32(min(remaining * 1000, 60_000).rounded(.up)))
            if ready < 0, errno == EINTR { continue }
            if ready == 0 { continue }
            var chunk = [UInt8](repeating: 0, count: 65_536)
            let count = chunk.withUnsafeMutableBytes { Glibc.read(output, $0.baseAddress, $0.count) }
            if count <= 0 { return .closed }
            buffer += chunk[..<count]
        }
    }

    /// Waits for the ended process (the backtracer may take a few seconds) and reads its crash report.
    private func finish() -> HarnessCrash {
        if let crash { return crash }
        let deadline = Date().addingTimeInterval(20)
        while process.isRunning, Date() < deadline { usleep(20_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        isRunning = false
        let log = errorOutput
        let signal = process.terminationReason == .uncaughtSignal ? process.terminationStatus : nil
        let ended = HarnessCrash(
            signal: signal, exitStatus: signal == nil ? process.terminationStatus : nil,
            message: Self.crashMessage(in: log), location: Self.learnerLocation(in: log))
        crash = ended
        return ended
    }

    /// `Sources/ServerSwift/File.swift:LINE` from the first crash-report line that names the learner's code.
    static func learnerLocation(in log: String) -> String? {
        let marker = "/" + Workspace.learnerFolder + "/"
        for line in log.split(separator: "\n") {
            guard let range = line.range(of: marker) else { continue }
            let rest = line[range.lowerBound...].dropFirst()
            let fileEnd = rest.range(of: ".swift:")
            guard let fileEnd else { continue }
            let digits = rest[fileEnd.upperBound...].prefix { $0.isNumber }
            guard !digits.isEmpty else { continue }
            return String(rest[..<fileEnd.upperBound]) + digits
        }
        return nil
    }

    /// The runtime's own one-line reason (`Fatal error: …`, `Crash: …`), if it printed one.
    static func crashMessage(in log: String) -> String? {
        for line in log.split(separator: "\n") {
            if let range = line.range(of: "Fatal error: ") { return String(line[range.lowerBound...]) }
        }
        for line in log.split(separator: "\n")
        where line.hasPrefix("💣 Program crashed: ") || line.hasPrefix("*** Program crashed: ") {
            return String(line.drop { $0 != ":" }.dropFirst().drop { $0 == " " })
        }
        return nil
    }
}
