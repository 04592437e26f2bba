import ArgumentParser
import Foundation
import ProgressStore

/// `--db PATH`: the progress database (default: $ARCHLAB_DB, else $XDG_DATA_HOME/archlab/progress.sqlite).
struct DatabaseOptions: ParsableArguments {
    @Option(
        name: .long, help: "The progress database (default: $ARCHLAB_DB, else $XDG_DATA_HOME/archlab/progress.sqlite).")
    var db: String?

    /// Opens the store; a refused or unusable file is reported on stderr with exit 2. A command that only shows
    /// progress passes `forWriting: false`, so a read-only database can still be looked at.
    func open(forWriting: Bool = true) throws -> ProgressStore {
        let path = ProgressDatabaseLocation.resolveForCurrentProcess(explicit: db)
        do {
            return try ProgressStore(path: path, requireWritable: forWriting)
        } catch {
            StandardError.print("archlab: \(error)")
            throw ExitCode(2)
        }
    }
}

/// Output formats of the progress commands.
enum ProgressFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
    case csv
}

/// The learner a command is about: `--learner NAME`, else the login name.
enum LearnerChoice {
    static func resolve(_ explicit: String?) throws -> String {
        if let explicit {
            do {
                return try LearnerName.validated(explicit)
            } catch {
                StandardError.print("archlab: \(error)")
                throw ExitCode(2)
            }
        }
        return loginName()
    }

    /// `USER`, else `LOGNAME`, else the password database entry; control characters removed.
    static func loginName() -> String {
        let environment = ProcessInfo.processInfo.environment
        for key in ["USER", "LOGNAME"] {
            if let value = environment[key], let name = LearnerName.sanitized(value) { return name }
        }
        if let entry = getpwuid(getuid()), let raw = entry.pointee.pw_name,
            let name = LearnerName.sanitized(String(cString: raw))
        {
            return name
        }
        return "learner"
    }

    /// `known: a, b` or `there are none yet`, for the message about a learner the store does not have.
    static func knownLearners(in store: ProgressStore) throws -> String {
        let known = try withStoreErrors { try store.learners().map(\.learner.name) }
        return known.isEmpty ? "there are none yet" : "known: " + known.joined(separator: ", ")
    }
}

/// Runs a store call, turning its errors into a message on stderr and exit 1.
func withStoreErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as ExitCode {
        throw error
    } catch {
        StandardError.print("archlab: \(error)")
        throw ExitCode(1)
    }
}
