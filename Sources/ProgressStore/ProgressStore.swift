import Clocks
import Foundation
import GRDB

/// A learner's progress in SQLite: reading positions, quiz attempts with answers, Matrix unlocks and lab runs.
///
/// Every write is one IMMEDIATE transaction in WAL mode. Durability: WAL with `synchronous = NORMAL` already
/// survives a kill -9 (a committed transaction is in the OS's copy of the log), but can lose the last transactions
/// on power loss or a kernel crash, because the log is only synced at checkpoints. Progress writes are few and
/// human-paced (a page turn, a finished quiz), so the store pays one log fsync per commit for `synchronous = FULL`:
/// once a method returns, the data survives a kill -9 and a power loss.
///
/// Several processes may use the same file at once; writers wait for each other (busy timeout) instead of failing.
/// The store records the unlocks its caller decides (from the learner's records read inside the same transaction);
/// it never decides them itself, and never revokes one.
public final class ProgressStore: Sendable {
    /// Points inside a write where tests inject a failure, to prove a transaction lands whole or not at all.
    enum FaultPoint: Sendable {
        case afterAnswers
        case afterUnlocks
    }

    /// The database file.
    public let path: String
    let database: DatabaseQueue
    let clock: any WallClock
    let fault: (@Sendable (FaultPoint) throws -> Void)?

    /// Opens (creating if missing, with mode 0600 and parent directories) and migrates the database at `path`.
    ///
    /// An existing file is checked read-only first; a file that is not SQLite, is corrupt, belongs to another
    /// application or was written by a newer ArchLab is refused with a `ProgressStoreError` and left untouched.
    /// With `requireWritable` (the default, for sessions that record), a file this process cannot write is refused
    /// too, before anything is read from it; commands that only show progress pass false.
    public convenience init(
        path: String, clock: any WallClock = SystemClock(), busyTimeout: TimeInterval = 30,
        requireWritable: Bool = true
    ) throws {
        try self.init(path: path, clock: clock, busyTimeout: busyTimeout, fault: nil, requireWritable: requireWritable)
    }

    init(
        path: String, clock: any WallClock, busyTimeout: TimeInterval,
        fault: (@Sendable (FaultPoint) throws -> Void)?, requireWritable: Bool = true
    ) throws {
        self.path = path
        self.clock = clock
        self.fault = fault
        try DatabaseFileInspector.prepare(path: path)
        if requireWritable { try DatabaseFileInspector.checkWritable(path: path) }
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        configuration.foreignKeysEnabled = true
        configuration.label = "ArchLab.progress"
        do {
            database = try Self.open(path: path, configuration: configuration)
        } catch let error as DatabaseError {
            throw Self.wrap(error, path: path)
        }
    }

    /// Opens an existing progress database only to read it (`grade --db`): nothing is created, migrated or written,
    /// and a file without a write-ahead log is read lock-free, so no `-wal` or `-shm` file appears next to it.
    /// A missing file, or one that is not an ArchLab database no newer than this version, is refused.
    public static func openReadOnly(
        path: String, clock: any WallClock = SystemClock()
    ) throws -> ProgressStore {
        guard FileManager.default.fileExists(atPath: path) else {
            throw ProgressStoreError.database(path, detail: "progress database not found")
        }
        try DatabaseFileInspector.prepare(path: path)
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(10)
        configuration.label = "ArchLab.progress.readonly"
        do {
            let hasWAL = FileManager.default.fileExists(atPath: path + "-wal")
            let location = hasWAL ? path : DatabaseFileInspector.immutableURI(path)
            let database = try DatabaseQueue(path: location, configuration: configuration)
            let applied = try database.read { try ProgressSchema.migrator.appliedIdentifiers($0) }
            guard applied == Set(ProgressSchema.migrator.migrations) else {
                try database.close()
                throw ProgressStoreError.database(
                    path, detail: "written by an older ArchLab; open it once with `archlab` to bring it up to date")
            }
            return ProgressStore(path: path, clock: clock, database: database)
        } catch let error as DatabaseError {
            throw Self.wrap(error, path: path)
        }
    }

    /// A store on an in-memory copy of the database at `path` (`archlab --read-only`): the session reads and
    /// records as usual, and everything it records is discarded when the store goes away; the file is only read
    /// (lock-free when it has no write-ahead log), never created, migrated or written. A missing file gives an
    /// empty copy. A file that is not an ArchLab database no newer than this version is refused as usual.
    public static func openDiscardableCopy(
        path: String, clock: any WallClock = SystemClock()
    ) throws -> ProgressStore {
        do {
            let memory = try DatabaseQueue()
            if FileManager.default.fileExists(atPath: path) {
                try DatabaseFileInspector.prepare(path: path)
                var configuration = Configuration()
                configuration.readonly = true
                configuration.busyMode = .timeout(10)
                let hasWAL = FileManager.default.fileExists(atPath: path + "-wal")
                let source = try DatabaseQueue(
                    path: hasWAL ? path : DatabaseFileInspector.immutableURI(path), configuration: configuration)
                try source.backup(to: memory)
                try source.close()
            }
            try migrate(memory, path: path)
            return ProgressStore(path: path, clock: clock, database: memory)
        } catch let error as DatabaseError {
            throw Self.wrap(error, path: path)
        }
    }

    private init(path: String, clock: any WallClock, database: DatabaseQueue) {
        self.path = path
        self.clock = clock
        self.fault = nil
        self.database = database
    }

    /// Opens the connection, switches the file to WAL with `synchronous = FULL` and migrates. Two processes
    /// creating the same new file at once can get SQLITE_BUSY at once, without the busy timeout
    /// (switching to WAL and the first schema write race); the loser waits a little and tries again.
    private static func open(path: String, configuration: Configuration) throws -> DatabaseQueue {
        var attempt = 0
        while true {
            attempt += 1
            do {
                let database = try DatabaseQueue(path: path, configuration: configuration)
                try database.writeWithoutTransaction { db in
                    // The journal mode is stored in the file: this writes only when a new file switches to WAL.
                    let mode = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
                    guard mode?.lowercased() == "wal" else {
                        throw ProgressStoreError.database(
                            path, detail: "cannot switch the progress database to WAL mode")
                    }
                    // FULL also syncs the log at every commit.
                    try db.execute(sql: "PRAGMA synchronous = FULL")
                }
                try migrate(database, path: path)
                return database
            } catch let error as DatabaseError
                where (error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED) && attempt < 100
            {
                Thread.sleep(forTimeInterval: 0.02 * Double(min(attempt, 10)))
            }
        }
    }

    /// Runs unapplied migrations; a file with migrations this version does not know is refused first. A file whose
    /// schema is current is only read (one query), without the migrator's write lock. Two processes opening a new
    /// file at once may both try the same migration; the loser's transaction rolls back and it retries, finding the
    /// work done.
    private static func migrate(_ database: DatabaseQueue, path: String) throws {
        let migrator = ProgressSchema.migrator
        let known = Set(migrator.migrations)
        var attempt = 0
        while true {
            attempt += 1
            do {
                // Read inside the retry too: while another process creates the schema, this read can meet a
                // half-made one (GRDB's migrations table not there yet) and must look again.
                let applied = try database.read { db in try migrator.appliedIdentifiers(db) }
                let unknown = applied.subtracting(known)
                if !unknown.isEmpty {
                    throw ProgressStoreError.newerSchema(path, unknown: Array(unknown))
                }
                if applied == known { return }
                try migrator.migrate(database)
                return
            } catch let error as DatabaseError {
                let done = (try? database.read { try migrator.hasCompletedMigrations($0) }) ?? false
                if done { return }
                if attempt >= 5 { throw error }
                Thread.sleep(forTimeInterval: 0.02 * Double(attempt))
            }
        }
    }

    /// Copies the write-ahead log into the main file (without waiting for other processes) and closes the
    /// connections; the store must not be used afterwards.
    public func close() throws {
        do {
            _ = try? database.writeWithoutTransaction { db in
                try db.checkpoint(.passive)
            }
            try database.close()
        } catch let error as DatabaseError {
            throw Self.wrap(error, path: path)
        }
    }

    /// Runs `body` in one IMMEDIATE write transaction, mapping SQLite errors to `ProgressStoreError`.
    func write<T: Sendable>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try database.write(body)
        } catch let error as DatabaseError {
            throw Self.wrap(error, path: path)
        }
    }

    /// Runs `body` on a read-only snapshot, mapping SQLite errors to `ProgressStoreError`.
    func read<T: Sendable>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try database.read(body)
        } catch let error as DatabaseError {
            throw Self.wrap(error, path: path)
        }
    }

    static func wrap(_ error: DatabaseError, path: String) -> ProgressStoreError {
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return .database(
                path, detail: "another ArchLab process kept the progress database busy too long; try again")
        case .SQLITE_CORRUPT:
            return .corrupt(path, detail: error.message ?? "database disk image is malformed")
        case .SQLITE_NOTADB:
            return .notADatabase(path)
        case .SQLITE_READONLY:
            return .database(path, detail: "the progress database is read-only")
        case .SQLITE_FULL:
            return .database(path, detail: "the disk is full; nothing was recorded")
        default:
            return .database(path, detail: error.message ?? "\(error.resultCode)")
        }
    }
}
