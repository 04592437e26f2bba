import Foundation

/// Where a course file may be: inside the course folder once symbolic links are resolved (as includes must be).
/// Checked before a file is read, so a link to `/etc` costs nothing.
enum CourseFileBounds {
    /// Whether `url` may be read as the course file `relativePath`; when not, a finding says why.
    static func check(_ url: URL, relativePath: String, courseDirectory: URL, findings: inout [LintFinding]) -> Bool {
        let target = url.standardizedFileURL.resolvingSymlinksInPath()
        if !isInside(target, courseDirectory) {
            findings.append(LintFinding(
                file: relativePath, line: 1, code: "symlink-outside",
                message: "the file is a symbolic link that leaves the course folder (it points to \(target.path)); "
                    + "course files must stay inside it, like includes"))
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
}
