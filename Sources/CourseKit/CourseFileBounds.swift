import Foundation

/// Where and how large a course file may be: inside the course folder once symbolic links are resolved (as
/// includes must be), at most 10 MB, and a lesson page at most 1 MB. Checked before a file is read, so a link to
/// `/etc` or a 50 MB lesson costs nothing.
enum CourseFileBounds {
    /// Largest course file read (lesson, quiz, manifest, glossary, FAQ, included source).
    static let maxFileBytes = 10 * 1024 * 1024
    /// Largest lesson page, once includes are resolved.
    static let maxPageBytes = 1024 * 1024

    /// Whether `url` may be read as the course file `relativePath`; when not, a finding says why.
    static func check(_ url: URL, relativePath: String, courseDirectory: URL, findings: inout [LintFinding]) -> Bool {
        let target = url.standardizedFileURL.resolvingSymlinksInPath()
        if !isInside(target, courseDirectory) {
            findings.append(
                LintFinding(
                    file: relativePath, line: 1, code: "symlink-outside",
                    message: "the file is a symbolic link that leaves the course folder (it points to \(target.path)); "
                        + "course files must stay inside it, like includes"))
            return false
        }
        if let size = size(of: target.path), size > maxFileBytes {
            findings.append(
                LintFinding(
                    file: relativePath, line: 1, code: "file-too-large",
                    message: "the file is larger than 10 MB (\(size) bytes) and was not read; split it"))
            return false
        }
        return true
    }

    /// Whether `target` (symbolic links resolved) lies strictly inside the course directory.
    static func isInside(_ target: URL, _ courseDirectory: URL) -> Bool {
        let root = courseDirectory.standardizedFileURL.resolvingSymlinksInPath().pathComponents
        let components = target.pathComponents
        return components.starts(with: root) && components.count > root.count
    }

    /// The size in bytes of the file at `path`, without reading it; nil when it cannot be examined.
    static func size(of path: String) -> Int? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return nil }
        return (attributes[.size] as? NSNumber)?.intValue
    }
}
