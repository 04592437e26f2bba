import Foundation
import GRDB

/// Checks a database file before it is ever opened read-write, and creates a missing one with mode 0600.
/// Everything here only reads an existing file: a refused file stays byte-identical.
enum DatabaseFileInspector {
    private static let sqliteMagic = Array("SQLite format 3\0".utf8)

    /// Creates a missing file, accepts an empty one (SQLite treats it as a new database), and otherwise
    /// throws unless the file is an ArchLab progress database whose migrations are all known.
    static func prepare(path: String) throws {
        if try createIfMissing(path: path) {
            return
        }
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw ProgressStoreError.cannotCreate(path, detail: String(cString: strerror(errno)))
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw ProgressStoreError.notAFile(path)
        }
        if info.st_size == 0 {
            return
        }
        let walMode = try checkHeader(path: path)
        try checkContents(path: path, walMode: walMode)
    }

    /// Creates parent directories (0700) and the file (0600) unless it exists; true when this call created it.
    private static func createIfMissing(path: String) throws -> Bool {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty, !FileManager.default.fileExists(atPath: directory) {
            do {
                try FileManager.default.createDirectory(
                    atPath: directory, withIntermediateDirectories: true,
                    attributes: [.posixPermissions: 0o700])
            } catch {
                if !FileManager.default.fileExists(atPath: directory) {
                    throw ProgressStoreError.cannotCreate(
                        path, detail: "cannot create \(directory): \(error.localizedDescription)")
                }
            }
        }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if descriptor < 0 {
            let code = errno
            if code == EEXIST { return false }
            throw ProgressStoreError.cannotCreate(path, detail: String(cString: strerror(code)))
        }
        defer { close(descriptor) }
        if fchmod(descriptor, 0o600) != 0 {
            throw ProgressStoreError.cannotCreate(path, detail: String(cString: strerror(errno)))
        }
        return true
    }

    /// Checks the SQLite magic; returns true when the header says WAL mode (read and write versions 2).
    private static func checkHeader(path: String) throws -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ProgressStoreError.cannotCreate(path, detail: "cannot read the file")
        }
        defer { try? handle.close() }
        let header = (try? handle.read(upToCount: 100)) ?? Data()
        guard header.count == 100, Array(header.prefix(16)) == sqliteMagic else {
            throw ProgressStoreError.notADatabase(path)
        }
        return header[header.startIndex + 18] == 2 && header[header.startIndex + 19] == 2
    }

    /// Opens the file read-only: integrity (`quick_check`), then that it is an ArchLab database no newer than us.
    ///
    /// A WAL-mode file without a `-wal` file is not open anywhere, so it is read lock-free (`immutable`), which
    /// creates nothing next to it. A refusal from that read is confirmed with an ordinary read-only open when the
    /// file may have been written meanwhile: a `-wal` appeared, or the file is in rollback mode (a new database
    /// another ArchLab is setting up); in rollback mode a read-only open creates no file either.
    private static func checkContents(path: String, walMode: Bool) throws {
        let hasWAL = FileManager.default.fileExists(atPath: path + "-wal")
        do {
            try inspect(path: path, immutable: !hasWAL)
        } catch let error as ProgressStoreError {
            guard !hasWAL, !walMode || FileManager.default.fileExists(atPath: path + "-wal") else { throw error }
            try inspect(path: path, immutable: false)
        }
    }

    private static func inspect(path: String, immutable: Bool) throws {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(10)
        configuration.label = "ArchLab.progress.inspect"
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(path: immutable ? immutableURI(path) : path, configuration: configuration)
        } catch let error as DatabaseError {
            if immutable, error.resultCode == .SQLITE_CANTOPEN {
                // SQLite built without URI filenames: fall back to a plain read-only open.
                try inspect(path: path, immutable: false)
                return
            }
            throw classify(error, path: path)
        }
        do {
            try queue.read { db in
                let problems = try String.fetchAll(db, sql: "PRAGMA quick_check")
                if problems != ["ok"] {
                    throw ProgressStoreError.corrupt(path, detail: problems.prefix(3).joined(separator: "; "))
                }
                let applicationID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
                if applicationID != 0 && applicationID != ProgressSchema.applicationID {
                    throw ProgressStoreError.foreignDatabase(path, found: "application_id \(applicationID)")
                }
                try checkOwnership(db, path: path)
            }
        } catch let error as DatabaseError {
            throw classify(error, path: path)
        }
        try queue.close()
    }

    /// Refuses a database that is not ArchLab's, naming what was found: a `grdb_migrations` table that does not
    /// list ArchLab's first migration (another GRDB application's, or an empty one), or any table or view that
    /// ArchLab's schema does not have. A file that lists ArchLab's first migration and migrations this version
    /// does not know was written by a newer ArchLab, whose new tables are then expected.
    static func checkOwnership(_ db: Database, path: String) throws {
        if try db.tableExists("grdb_migrations") {
            let applied = try ProgressSchema.migrator.appliedIdentifiers(db)
            let first = ProgressSchema.migrator.migrations.first ?? "v1"
            guard applied.contains(first) else {
                let names = applied.sorted().map { "`\($0)`" }.joined(separator: ", ")
                let listed = applied.isEmpty ? "it is empty" : "it lists " + names
                let found =
                    "a `grdb_migrations` table that does not list ArchLab's first migration "
                    + "`\(first)` (\(listed))"
                throw ProgressStoreError.foreignDatabase(path, found: found)
            }
            let unknown = applied.subtracting(ProgressSchema.migrator.migrations)
            if !unknown.isEmpty {
                throw ProgressStoreError.newerSchema(path, unknown: Array(unknown))
            }
        }
        let strangers = try Row.fetchAll(
            db,
            sql: """
                SELECT type, name FROM sqlite_master
                WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' ORDER BY name
                """
        ).compactMap { row -> String? in
            let name: String = row["name"]
            return ProgressSchema.objectNames.contains(name) ? nil : "\(row["type"] as String) `\(name)`"
        }
        if !strangers.isEmpty {
            let more = strangers.count > 5 ? " and \(strangers.count - 5) more" : ""
            let shown = strangers.prefix(5).joined(separator: ", ") + more
            throw ProgressStoreError.foreignDatabase(path, found: shown)
        }
    }

    private static func classify(_ error: DatabaseError, path: String) -> ProgressStoreError {
        switch error.resultCode {
        case .SQLITE_NOTADB:
            return .notADatabase(path)
        case .SQLITE_CORRUPT:
            return .corrupt(path, detail: error.message ?? "database disk image is malformed")
        default:
            return .database(path, detail: error.message ?? "\(error.resultCode)")
        }
    }

    /// Refuses a database this process cannot write (its mode, the immutable attribute, a read-only mount) or whose
    /// folder it cannot write (SQLite keeps its `-wal` and `-shm` files there), before the session starts, so a
    /// learner never works through a quiz whose attempt cannot be saved.
    static func checkWritable(path: String) throws {
        if access(path, W_OK) != 0 {
            throw ProgressStoreError.readOnly(path, detail: String(cString: strerror(errno)))
        }
        let directory = (path as NSString).deletingLastPathComponent
        if access(directory.isEmpty ? "." : directory, W_OK) != 0 {
            let reason = String(cString: strerror(errno))
            throw ProgressStoreError.readOnly(path, detail: "its folder cannot be written: \(reason)")
        }
    }

    /// A read-only, lock-free URI for a file that has no write-ahead log: nothing is created next to it.
    static func immutableURI(_ path: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "/-._~")
        let encoded = path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
        return "file:\(encoded)?immutable=1"
    }
}
