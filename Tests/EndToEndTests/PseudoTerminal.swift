import Foundation

/// archlab on a pseudo-terminal: util-linux `script` gives it a terminal, the test types into `keyboard` and reads
/// `screen`. Shared by the REPL's, `lint --watch`'s and `watch`'s terminal tests.
final class PseudoTerminal {
    let process = Process()
    /// What the test types; archlab reads it from the terminal.
    let keyboard = Pipe()
    let screen = Screen()

    /// Starts `arguments` (the archlab binary first) under `script`, with TERM=xterm, SHELL=/bin/sh, no
    /// ARCHLAB_COURSE, and `environment` laid over that (nil removes a variable).
    init(_ arguments: [String], environment: [String: String?] = [:]) throws {
        // `script` runs its command through `$SHELL -c`; `exec` makes archlab the terminal's only process, so a
        // shell that stays in between (dash does) never takes the Ctrl-C meant for archlab and dies of it.
        let command =
            "exec "
            + arguments.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qefc", command, "/dev/null"]
        var merged = ProcessInfo.processInfo.environment
        merged["TERM"] = "xterm"
        merged["SHELL"] = "/bin/sh"
        merged["ARCHLAB_COURSE"] = nil
        for (name, value) in environment { merged[name] = value }
        process.environment = merged
        let out = Pipe()
        process.standardInput = keyboard
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let reader = out.fileHandleForReading
        let screen = self.screen
        Thread.detachNewThread {
            while case let data = reader.availableData, !data.isEmpty { screen.append(data) }
            screen.finish()
        }
    }

    /// Types `text` as keys.
    func type(_ text: String) {
        keyboard.fileHandleForWriting.write(Data(text.utf8))
    }

    /// Ends archlab if it is still running (a test that failed midway).
    func stop() {
        if process.isRunning { process.terminate() }
    }
}

/// What the terminal has shown so far, filled from the pipe's reader thread.
final class Screen: @unchecked Sendable {
    private let condition = NSCondition()
    private var bytes = Data()
    private var ended = false

    func append(_ data: Data) {
        condition.lock()
        bytes.append(data)
        condition.broadcast()
        condition.unlock()
    }

    /// The terminal closed: nothing more will be shown.
    func finish() {
        condition.lock()
        ended = true
        condition.broadcast()
        condition.unlock()
    }

    func waitForEnd(timeout: TimeInterval) {
        let deadline = Date().addingTimeInterval(timeout)
        condition.lock()
        defer { condition.unlock() }
        while !ended, condition.wait(until: deadline) {}
    }

    var text: String {
        condition.lock()
        defer { condition.unlock() }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Waits until `text` appears anywhere on the screen.
    func waitFor(_ text: String, timeout: TimeInterval) -> Bool {
        waitFor(text, from: 0, timeout: timeout) != nil
    }

    /// Waits until `text` appears at or after byte `from`; returns the byte offset just past it.
    func waitFor(_ text: String, from: Int, timeout: TimeInterval) -> Int? {
        let needle = Data(text.utf8)
        let deadline = Date().addingTimeInterval(timeout)
        condition.lock()
        defer { condition.unlock() }
        while true {
            if from <= bytes.count, let range = bytes.range(of: needle, in: from..<bytes.count) {
                return range.upperBound
            }
            guard !ended, condition.wait(until: deadline) else { return nil }
        }
    }
}
