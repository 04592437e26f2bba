import ArgumentParser
import CourseKit
import Dispatch
import Exercises
import Foundation

/// `archlab watch`: re-runs `check` each time a file in `Sources/ServerSwift` is saved (Rustlings' watch mode);
/// `h` prints the next hint, `q` quits, Ctrl-C leaves cleanly.
struct WatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch", abstract: "Re-run `archlab check` whenever you save a file of Sources/ServerSwift.")

    @OptionGroup var options: ExerciseOptions

    @Option(name: .customLong("time-limit"), help: "Seconds each test may run (1 to 10).")
    var timeLimit: Int = 10

    func validate() throws {
        guard (1...10).contains(timeLimit) else { throw ValidationError("--time-limit must be from 1 to 10 seconds") }
    }

    func run() async throws {
        let course = try options.loadCourse()
        let (store, learner) = try options.openLearner()
        let workspace = options.workspace(store: store, learner: learner)
        _ = try withExerciseErrors { try workspace.manifest() }
        let terminal = isatty(STDOUT_FILENO) == 1
        let keys = KeyReader()
        keys.start()
        defer { keys.restore() }
        let interrupt = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        signal(SIGINT, SIG_IGN)
        interrupt.setEventHandler {
            keys.restore()
            print("\nStopped watching.")
            Foundation.exit(0)
        }
        interrupt.resume()
        let folder = workspace.root.appendingPathComponent("Sources/ServerSwift")
        var hintsShown = 0
        while true {
            if terminal { print("\u{1B}[2J\u{1B}[H", terminator: "") }
            // Taken before the check, so a file saved while it runs starts the next one.
            let snapshot = Self.snapshot(folder)
            let run = CheckRun(options: options, timeLimit: timeLimit)
            do {
                _ = try await run.perform()
            } catch {
                // `check` already printed why (a changed provided file, a missing `swift`…); keep watching.
            }
            print("\nWatching \(folder.path): save a file to check again; h: hint, q: quit.")
            fflush(nil)
            waiting: while true {
                switch keys.next(timeoutMs: 250) {
                case "q":
                    print("Stopped watching.")
                    return
                case "h":
                    let exercise = try currentExercise(nil, options: options, course: course)
                    if exercise.hints.isEmpty { break }
                    let index = min(hintsShown, exercise.hints.count - 1)
                    print("Hint \(index + 1)/\(exercise.hints.count): \(exercise.hints[index])")
                    fflush(nil)
                    hintsShown += 1
                default:
                    break
                }
                if Self.snapshot(folder) != snapshot { break waiting }
            }
        }
    }

    /// Modification time and size of every file in the folder.
    static func snapshot(_ folder: URL) -> [String: String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        var result: [String: String] = [:]
        for name in names {
            let attributes = try? FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(name).path)
            let date = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            let size = (attributes?[.size] as? NSNumber)?.intValue ?? 0
            result[name] = "\(date)/\(size)"
        }
        return result
    }
}

/// Single keys from standard input: on a terminal without line buffering or echo (restored on exit), else
/// line by line from a pipe.
final class KeyReader: @unchecked Sendable {
    private var saved = termios()
    private var raw = false
    private var closed = false

    func start() {
        guard isatty(STDIN_FILENO) == 1, tcgetattr(STDIN_FILENO, &saved) == 0 else { return }
        var settings = saved
        settings.c_lflag &= ~tcflag_t(ICANON | ECHO)
        if tcsetattr(STDIN_FILENO, TCSANOW, &settings) == 0 { raw = true }
    }

    func restore() {
        guard raw else { return }
        tcsetattr(STDIN_FILENO, TCSANOW, &saved)
        raw = false
    }

    /// The next key typed within the timeout, if any (a sleep of the timeout once standard input is closed).
    func next(timeoutMs: Int32) -> Character? {
        guard !closed else {
            usleep(useconds_t(timeoutMs) * 1000)
            return nil
        }
        var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, timeoutMs) > 0 else { return nil }
        var byte: UInt8 = 0
        guard read(STDIN_FILENO, &byte, 1) == 1 else {
            closed = true
            return nil
        }
        return Character(Unicode.Scalar(byte))
    }
}
