import Foundation

/// Finds the course directory: `--course DIR`, else `ARCHLAB_COURSE`, else the nearest ancestor
/// of the working directory holding `Lessons/course.toml`. Environment and working directory are
/// passed in so tests control them.
public enum CourseLocator {
    /// The course directory, or a `CourseError` saying where it looked.
    public static func locate(
        explicit: String?, environment: [String: String], workingDirectory: URL
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
        throw .notFound(searchedFrom: workingDirectory.path)
    }

    static func hasManifest(_ directory: URL) -> Bool {
        FileManager.default.fileExists(atPath: directory.appendingPathComponent("Lessons/course.toml").path)
    }
}
