@preconcurrency import CReadline
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Produces completion candidates: given the line up to the cursor and the word being completed,
/// the full words that may replace it.
public typealias LineCompleter = @Sendable (_ lineBeforeWord: String, _ word: String) -> [String]

private let interruptRequested = Atomic<Bool>(false)
private let lineInterrupted = Atomic<Bool>(false)
private let readerThread = Atomic<UInt>(0)
private let completionState = Mutex<(completer: LineCompleter?, candidates: [String])>((nil, []))

/// GNU readline for an interactive terminal: Emacs editing keys, history kept in a file, tab completion
/// from a ``LineCompleter``, Ctrl-C clearing the line (returned as ``LineInput/interrupted``) and
/// Ctrl-D on an empty line ending input. Only one instance should exist per process.
public final class ReadlineEditor: LineEditor {
    private let historyPath: String?
    private let historyLimit: Int32

    /// Sets readline up; `historyPath` (created with its directory if missing) is loaded now and
    /// appended to as lines are remembered.
    public init(historyPath: String?, historyLimit: Int = 1000, completer: @escaping LineCompleter) {
        self.historyPath = historyPath
        self.historyLimit = Int32(historyLimit)
        completionState.withLock { $0.completer = completer }
        rl_readline_name = UnsafePointer(strdup("archlab"))
        rl_catch_signals = 0
        rl_getc_function = readlineGetCharacter
        rl_attempted_completion_function = readlineComplete
        rl_initialize()
        rl_bind_key(3, readlineInterrupt)
        using_history()
        stifle_history(self.historyLimit)
        if let historyPath {
            Self.makeParentDirectory(of: historyPath)
            _ = read_history(historyPath)
        }
        installInterruptHandler()
    }

    public var isInteractive: Bool { true }

    /// Whether Ctrl-C was pressed since the last read or the last call, clearing it. Once an editor exists,
    /// SIGINT no longer ends the process; a long-running command (a lab's server or load run) polls this to stop.
    public static func takeInterrupt() -> Bool {
        interruptRequested.exchange(false, ordering: .relaxed)
    }

    public func readLine(prompt: String) -> LineInput {
        interruptRequested.store(false, ordering: .relaxed)
        lineInterrupted.store(false, ordering: .relaxed)
        // Dispatch's worker threads block asynchronous signals; this one must receive SIGINT while it reads.
        var interrupt = sigset_t()
        var previous = sigset_t()
        sigemptyset(&interrupt)
        sigaddset(&interrupt, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &interrupt, &previous)
        readerThread.store(UInt(pthread_self()), ordering: .relaxed)
        defer {
            readerThread.store(0, ordering: .relaxed)
            pthread_sigmask(SIG_SETMASK, &previous, nil)
        }
        guard let pointer = readline(prompt) else {
            print("")
            return .endOfInput
        }
        defer { free(pointer) }
        if lineInterrupted.exchange(false, ordering: .relaxed) {
            print("^C")
            return .interrupted
        }
        return .line(String(cString: pointer))
    }

    public func remember(_ line: String) {
        guard !line.allSatisfy(\.isWhitespace) else { return }
        if let last = history_get(history_base + history_length - 1), let text = last.pointee.line,
            String(cString: text) == line
        {
            return
        }
        add_history(line)
        if let historyPath {
            if access(historyPath, F_OK) != 0 {
                _ = write_history(historyPath)
                chmod(historyPath, 0o600)
            } else {
                _ = append_history(1, historyPath)
            }
            _ = history_truncate_file(historyPath, historyLimit)
        }
    }

    private func installInterruptHandler() {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { signal in
            interruptRequested.store(true, ordering: .relaxed)
            // The signal may land on any thread; only the one blocked in read() must see EINTR.
            let reader = readerThread.load(ordering: .relaxed)
            if reader != 0, reader != UInt(pthread_self()) { pthread_kill(pthread_t(reader), signal) }
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, nil)
    }

    private static func makeParentDirectory(of path: String) {
        var components = path.split(separator: "/", omittingEmptySubsequences: false).dropLast()
        var current = ""
        while !components.isEmpty {
            let component = components.removeFirst()
            current +=
                current.isEmpty && component.isEmpty
                ? "/" : (current.hasSuffix("/") || current.isEmpty ? "" : "/") + component
            if !current.isEmpty, current != "/" { mkdir(current, 0o700) }
        }
    }
}

/// Reads one byte for readline; a SIGINT interrupting the read becomes the otherwise unused Ctrl-C key,
/// which ``readlineInterrupt`` handles.
private func readlineGetCharacter(_ stream: UnsafeMutablePointer<FILE>?) -> Int32 {
    let descriptor = stream.map { fileno($0) } ?? STDIN_FILENO
    var byte: UInt8 = 0
    while true {
        // Ctrl-C pressed while readline was busy between reads (the key itself never reaches the input).
        if interruptRequested.exchange(false, ordering: .relaxed) { return 3 }
        let count = read(descriptor, &byte, 1)
        if count == 1 { return Int32(byte) }
        if count == 0 { return EOF }
        if errno == EINTR { continue }
        return EOF
    }
}

private func readlineInterrupt(_ count: Int32, _ key: Int32) -> Int32 {
    lineInterrupted.store(true, ordering: .relaxed)
    rl_replace_line("", 0)
    rl_done = 1
    return 0
}

private func readlineComplete(
    _ text: UnsafePointer<CChar>?, _ start: Int32, _ end: Int32
) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
    rl_attempted_completion_over = 1
    let word = text.map { String(cString: $0) } ?? ""
    var before = ""
    if let buffer = rl_line_buffer {
        let bytes = UnsafeBufferPointer(
            start: UnsafeRawPointer(buffer).assumingMemoryBound(to: UInt8.self), count: Int(max(start, 0)))
        before = String(decoding: bytes, as: UTF8.self)
    }
    completionState.withLock { state in
        state.candidates = (state.completer.map { $0(before, word) } ?? []).filter { $0.hasPrefix(word) }
    }
    return rl_completion_matches(text, readlineCandidate)
}

private func readlineCandidate(_ text: UnsafePointer<CChar>?, _ state: Int32) -> UnsafeMutablePointer<CChar>? {
    let candidates = completionState.withLock { $0.candidates }
    let index = Int(state)
    guard index < candidates.count else { return nil }
    return strdup(candidates[index])
}
