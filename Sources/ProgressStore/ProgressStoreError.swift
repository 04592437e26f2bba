/// Why the progress store refused a database file or an operation, with the path and what the learner can do.
public struct ProgressStoreError: Error, CustomStringConvertible, Equatable, Sendable {
    private enum Kind: Equatable, Sendable {
        case notADatabase
        case corrupt(detail: String)
        case newerSchema(unknown: [String])
        case foreignDatabase(found: String)
        case readOnly(detail: String)
        case notAFile
        case cannotCreate(detail: String)
        case invalidLearnerName(name: String, reason: String)
        case unknownLearner(name: String)
        case invalidJSON(field: String)
        case database(detail: String)
    }

    private let kind: Kind

    /// The database file the error is about, when there is one.
    public let path: String?

    private init(_ kind: Kind, path: String?) {
        self.kind = kind
        self.path = path
    }

    static func notADatabase(_ path: String) -> Self { Self(.notADatabase, path: path) }
    static func corrupt(_ path: String, detail: String) -> Self { Self(.corrupt(detail: detail), path: path) }
    static func newerSchema(_ path: String, unknown: [String]) -> Self {
        Self(.newerSchema(unknown: unknown.sorted()), path: path)
    }
    static func foreignDatabase(_ path: String, found: String) -> Self {
        Self(.foreignDatabase(found: found), path: path)
    }
    static func readOnly(_ path: String, detail: String) -> Self { Self(.readOnly(detail: detail), path: path) }
    static func notAFile(_ path: String) -> Self { Self(.notAFile, path: path) }
    static func cannotCreate(_ path: String, detail: String) -> Self { Self(.cannotCreate(detail: detail), path: path) }
    static func invalidLearnerName(_ name: String, reason: String) -> Self {
        Self(.invalidLearnerName(name: name, reason: reason), path: nil)
    }
    static func unknownLearner(_ name: String) -> Self { Self(.unknownLearner(name: name), path: nil) }
    static func invalidJSON(field: String) -> Self { Self(.invalidJSON(field: field), path: nil) }
    static func database(_ path: String?, detail: String) -> Self { Self(.database(detail: detail), path: path) }

    /// True when the file was refused before anything was written to it (not SQLite, corrupt, newer, foreign).
    public var isRefusedFile: Bool {
        switch kind {
        case .notADatabase, .corrupt, .newerSchema, .foreignDatabase, .notAFile, .readOnly: return true
        default: return false
        }
    }

    /// True when the file was refused because this process cannot write it.
    public var isReadOnly: Bool {
        if case .readOnly = kind { return true }
        return false
    }

    public var description: String {
        let file = path ?? "progress database"
        switch kind {
        case .notADatabase:
            return
                """
                    \(file): not an SQLite database; ArchLab left it untouched (choose another file with --db or \
                    ARCHLAB_DB)
                    """
        case .corrupt(let detail):
            return
                """
                    \(file): the progress database is damaged (\(detail)); ArchLab left it untouched — keep a copy and \
                    try `sqlite3 \(file) .recover`
                    """
        case .newerSchema(let unknown):
            return
                """
                    \(file): written by a newer ArchLab (unknown migrations: \(unknown.joined(separator: ", "))); \
                    update ArchLab — the file was not modified
                    """
        case .foreignDatabase(let found):
            return "\(file): an SQLite database that is not an ArchLab progress database (found \(found)); "
                + "ArchLab left it untouched (choose another file with --db or ARCHLAB_DB)"
        case .readOnly(let detail):
            return "\(file): the progress database is read-only (\(detail)); nothing would be saved, so ArchLab stops "
                + "before the session starts — make it writable, choose another file with --db or ARCHLAB_DB, "
                + "or open it with `archlab --read-only` to look around without saving"
        case .notAFile:
            return "\(file): not a regular file"
        case .cannotCreate(let detail):
            return "\(file): cannot create the progress database: \(detail)"
        case .invalidLearnerName(let name, let reason):
            return "invalid learner name \(name.debugDescription): \(reason)"
        case .unknownLearner(let name):
            return "no learner named \(name.debugDescription) in the progress database"
        case .invalidJSON(let field):
            return "\(field) is not valid JSON text"
        case .database(let detail):
            return "\(file): \(detail)"
        }
    }
}
