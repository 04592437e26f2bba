/// Why a workspace or an exercise cannot be used (exit status 2), with the file and line when there is one.
public struct ExerciseError: Error, CustomStringConvertible, Sendable {
    private enum Kind: Sendable {
        case noWorkspace(path: String)
        case providedFileChanged(files: [String])
        case unknownExercise(id: String, known: [String])
        case notStarted(id: String)
        case noSwift
        case unknownReference(name: String, file: String, line: Int)
        case unknownGenerator(name: String, file: String, line: Int)
        case io(path: String, message: String)
        case redis(message: String)
        case capstone(message: String)
        case capstoneNotReady(id: String, missing: [String])
        case capstoneHasNoFile(id: String)
    }

    private let kind: Kind

    /// The file the error is about, if any.
    public var file: String? {
        switch kind {
        case .unknownReference(_, let file, _), .unknownGenerator(_, let file, _): return file
        case .noWorkspace(let path), .io(let path, _): return path
        default: return nil
        }
    }

    /// The 1-based line the error is about, if any.
    public var line: Int? {
        switch kind {
        case .unknownReference(_, _, let line), .unknownGenerator(_, _, let line): return line
        default: return nil
        }
    }

    public var description: String {
        switch kind {
        case .noWorkspace(let path):
            return
                "\(path) is not an ArchLab workspace (no .archlab/manifest.json); "
                + "create it with `archlab exercise start`"
        case .providedFileChanged(let files):
            return "provided file\(files.count == 1 ? "" : "s") changed: \(files.joined(separator: ", ")); "
                + "these files are not to be edited (undo the change, or `archlab exercise start --repair`)"
        case .unknownExercise(let id, let known):
            return "unknown exercise `\(id)` (known: \(known.joined(separator: ", ")))"
        case .notStarted(let id):
            return "exercise `\(id)` is not started in this workspace; run `archlab exercise start \(id)`"
        case .noSwift:
            return
                "`swift` was not found on PATH: install the Swift toolchain (https://swift.org/install) "
                + "to build the workspace"
        case .unknownReference(let name, let file, let line):
            return "\(file):\(line): unknown reference `\(name)`"
        case .unknownGenerator(let name, let file, let line):
            return "\(file):\(line): unknown generator `\(name)`"
        case .io(let path, let message):
            return "\(path): \(message)"
        case .redis(let message):
            return "Redis: \(message)"
        case .capstone(let message):
            return "capstone: \(message)"
        case .capstoneNotReady(let id, let missing):
            return "`\(id)` runs your whole gateway, so it needs every exercise started; not started yet: "
                + missing.joined(separator: ", ") + " (`archlab exercise start \(missing.first ?? "")`)"
        case .capstoneHasNoFile(let id):
            return "`\(id)` has no file of its own: it checks every file of Sources/ServerSwift together"
        }
    }

    static func noWorkspace(_ path: String) -> ExerciseError { ExerciseError(kind: .noWorkspace(path: path)) }
    static func providedFileChanged(_ files: [String]) -> ExerciseError {
        ExerciseError(kind: .providedFileChanged(files: files))
    }
    static func unknownExercise(_ id: String, known: [String]) -> ExerciseError {
        ExerciseError(kind: .unknownExercise(id: id, known: known))
    }
    static func notStarted(_ id: String) -> ExerciseError { ExerciseError(kind: .notStarted(id: id)) }
    static let noSwift = ExerciseError(kind: .noSwift)
    static func unknownReference(_ name: String, file: String, line: Int) -> ExerciseError {
        ExerciseError(kind: .unknownReference(name: name, file: file, line: line))
    }
    static func unknownGenerator(_ name: String, file: String, line: Int) -> ExerciseError {
        ExerciseError(kind: .unknownGenerator(name: name, file: file, line: line))
    }
    static func io(_ path: String, _ message: String) -> ExerciseError {
        ExerciseError(kind: .io(path: path, message: message))
    }
    static func redis(_ message: String) -> ExerciseError { ExerciseError(kind: .redis(message: message)) }
    static func capstone(_ message: String) -> ExerciseError { ExerciseError(kind: .capstone(message: message)) }
    /// The capstone asked for before every other exercise was started.
    public static func capstoneNotReady(_ id: String, missing: [String]) -> ExerciseError {
        ExerciseError(kind: .capstoneNotReady(id: id, missing: missing))
    }
    public static func capstoneHasNoFile(_ id: String) -> ExerciseError {
        ExerciseError(kind: .capstoneHasNoFile(id: id))
    }
}
