import Foundation

/// Where the progress database lives: `--db PATH`, else `ARCHLAB_DB`, else `$XDG_DATA_HOME/archlab/progress.sqlite`
/// (`~/.local/share/archlab/progress.sqlite` when `XDG_DATA_HOME` is unset or not absolute).
public enum ProgressDatabaseLocation {
    /// The database path for an explicit `--db` value (or nil), the process environment and the home directory.
    public static func resolve(
        explicit: String?,
        environment: [String: String],
        homeDirectory: String,
        currentDirectory: String
    ) -> String {
        if let explicit, !explicit.isEmpty {
            return absolute(explicit, in: currentDirectory)
        }
        if let fromEnvironment = environment["ARCHLAB_DB"], !fromEnvironment.isEmpty {
            return absolute(fromEnvironment, in: currentDirectory)
        }
        let dataHome: String
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            dataHome = xdg
        } else {
            dataHome = (homeDirectory as NSString).appendingPathComponent(".local/share")
        }
        return ((dataHome as NSString).appendingPathComponent("archlab") as NSString)
            .appendingPathComponent("progress.sqlite")
    }

    /// `resolve` with this process's environment, home directory and working directory.
    public static func resolveForCurrentProcess(explicit: String?) -> String {
        let environment = ProcessInfo.processInfo.environment
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return resolve(
            explicit: explicit,
            environment: environment,
            homeDirectory: home,
            currentDirectory: FileManager.default.currentDirectoryPath)
    }

    private static func absolute(_ path: String, in directory: String) -> String {
        if path.hasPrefix("/") { return path }
        return (directory as NSString).appendingPathComponent(path)
    }
}
