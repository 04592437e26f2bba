import ArgumentParser
import CourseKit
import Foundation

/// The `--course DIR` option shared by every command that reads the course.
struct CourseOptions: ParsableArguments {
    @Option(
        name: .long,
        help: """
            The course directory (default: $ARCHLAB_COURSE, else the nearest folder above holding Lessons/course.toml, \
            else the course installed beside the binary, <bindir>/../share/archlab/course).
            """)
    var course: String?

    /// The course directory, or exit 2 with the reason on stderr.
    func locate() throws -> URL {
        try Self.locate(explicit: course)
    }

    /// The course, loaded clean (`Course.load` refuses a course with lint errors), or exit 2 with the reason.
    func loadCourse() throws -> Course {
        let directory = try locate()
        do {
            return try Course.load(from: directory)
        } catch {
            StandardError.print("archlab: \(error)")
            throw ExitCode(2)
        }
    }

    /// The course directory for an explicit `--course` (or none), or exit 2 with the reason on stderr.
    static func locate(explicit course: String?) throws -> URL {
        do {
            return try CourseLocator.locate(
                explicit: course, environment: ProcessInfo.processInfo.environment,
                workingDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
                installed: installedCourse)
        } catch {
            StandardError.print("archlab: \(error)")
            throw ExitCode(2)
        }
    }

    /// The course `make install` puts beside the running binary (`<bindir>/../share/archlab/course`, the binary's
    /// symbolic links resolved), the locator's last fallback; nil when the binary's path is unknown.
    static var installedCourse: URL? {
        #if os(Linux)
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        guard executable.path != "/proc/self/exe" else { return nil }
        #else
        guard let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() else { return nil }
        #endif
        return CourseLocator.installedCourse(besideExecutable: executable)
    }
}

/// The quizzes `ids` name in `course` (all of them when `ids` is empty), or exit 2 naming the ids
/// that are not quizzes of the course (`grade --quiz`, `answers template`).
@discardableResult
func selectQuizzes(_ ids: [String], in course: Course) throws -> [Quiz] {
    let unknown = ids.filter { course.quiz(id: $0) == nil }
    guard unknown.isEmpty else {
        StandardError.print("archlab: unknown quiz \(unknown.map { "`\($0)`" }.joined(separator: ", "))")
        throw ExitCode(2)
    }
    return ids.isEmpty ? course.quizzes : ids.compactMap { course.quiz(id: $0) }
}

/// Writing to standard error.
enum StandardError {
    static func print(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }
}
