import Foundation

/// Finds the course directory: `--course DIR`, else `ARCHLAB_COURSE`, else the nearest ancestor
/// of the working directory holding `Lessons/course.toml`, else the course installed beside the
/// binary (`<bindir>/../share/archlab/course`, where `make install` puts it). Environment, working
/// directory and the installed course's place are passed in so tests control them.
public enum CourseLocator {
    /// The course directory, or a `CourseError` saying where it looked. `installed` is the last place
    /// tried (see ``installedCourse(besideExecutable:)``); nil tries no installed course.
    public static func locate(
        explicit: String?, environment: [String: String], workingDirectory: URL, installed: URL? = nil
    ) throws(CourseError) -> URL {
        if let chosen = explicit ?? environment["ARCHLAB_COURSE"].flatMap({ $0.isEmpty ? nil : $0 }) {
            let url = URL(fileURLWithPath: chosen, relativeTo: workingDirectory).standardizedFileURL
            guard hasManifest(url) else { throw .notACourse(path: chosen) }
            return url
        }
        var candidate = workingDirectory.standardizedFileURL.path
        while true {
            let url = URL(fileURLWithPath: candidate, isDirectory: true)
            if hasManifest(url) { return url }
            let parent = (candidate as NSString).deletingLastPathComponent
            if parent == candidate || parent.isEmpty { break }
            candidate = parent
        }
        if let installed, hasManifest(installed) { return installed.standardizedFileURL }
        throw .notFound(searchedFrom: workingDirectory.path, installed: installed?.standardizedFileURL.path)
    }

    /// Where an installed course lives for the binary at `executable`: `<bindir>/../share/archlab/course`.
    public static func installedCourse(besideExecutable executable: URL) -> URL {
        executable.deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("share/archlab/course", isDirectory: true).standardizedFileURL
    }

    static func hasManifest(_ directory: URL) -> Bool {
        FileManager.default.fileExists(atPath: directory.appendingPathComponent("Lessons/course.toml").path)
    }
}
