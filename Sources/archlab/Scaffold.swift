import ArgumentParser
import CourseKit
import Foundation

/// What `archlab new` shares: id checks, the next file number, where a new node goes, and writing files
/// without overwriting any.
enum Scaffold {
    static func validate(id: String) throws {
        let valid =
            !id.isEmpty && id.count <= 64
            && id.split(separator: "-", omittingEmptySubsequences: false).allSatisfy { part in
                !part.isEmpty && part.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) }
            }
        guard valid else {
            throw ValidationError("`\(id)` is not a kebab-case id (lowercase letters and digits joined by `-`)")
        }
    }

    /// `token-bucket` → `Token Bucket`.
    static func words(_ id: String) -> String {
        id.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
    }

    /// An addition to an existing course: the course as it is, its manifest's text, the next file number, and
    /// the new node's place (after the last lesson's node, in the first free column).
    struct Plan {
        let course: Course
        let manifestText: String
        let number: Int
        let id: String
        let requires: [String]
        let column: Int
        let row: Int

        init(directory: URL, id: String) throws {
            let loaded: CourseLoadResult
            let manifestURL = directory.appendingPathComponent("Lessons/course.toml")
            do {
                loaded = try CourseLoader.load(directory: directory)
                manifestText = try String(contentsOf: manifestURL, encoding: .utf8)
            } catch {
                StandardError.print("archlab: \(error)")
                throw ExitCode(2)
            }
            let course = loaded.course
            self.course = course
            self.id = id
            if course.lesson(id: id) != nil || course.quiz(id: id) != nil || course.node(id: id) != nil {
                StandardError.print("archlab: `\(id)` is already a lesson, quiz or node id; nothing written")
                throw ExitCode(1)
            }
            let names = ["Lessons", "Quizzes"].flatMap { folder in
                (try? FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent(folder).path))
                    ?? []
            }
            let used = names.compactMap { Int($0.prefix { $0.isNumber }) }
            number = max(used.max() ?? 0, course.lessons.count) + 1
            let previous = course.lessons.last.flatMap { course.node(id: $0.node) }
            requires = previous.map { [$0.id] } ?? []
            let taken = Set(course.matrix.nodes.map { [$0.column, $0.row] })
            // Right of the previous lesson's node, else below it, else the first free column of its row.
            let place: [Int]
            if let previous {
                let candidates = [[previous.column + 1, previous.row], [previous.column, previous.row + 1]]
                var fallback = [previous.column + 1, previous.row]
                while taken.contains(fallback) { fallback[0] += 1 }
                place = candidates.first { !taken.contains($0) } ?? fallback
            } else {
                var free = [0, 0]
                while taken.contains(free) { free[0] += 1 }
                place = free
            }
            column = place[0]
            row = place[1]
        }

        func nodeTable(title: String) -> String {
            CourseTemplates.node(id: id, title: title, requires: requires, column: column, row: row)
        }
    }

    /// Writes every file under `root`, or none (exit 1) when any of them exists already.
    static func write(_ files: [(path: String, text: String)], in root: URL) throws {
        let existing = files.map(\.path).filter {
            FileManager.default.fileExists(atPath: root.appendingPathComponent($0).path)
        }
        guard existing.isEmpty else {
            let names = existing.joined(separator: ", ")
            StandardError.print("archlab: refusing to overwrite \(names) in \(root.path); nothing written")
            throw ExitCode(1)
        }
        for file in files {
            let url = root.appendingPathComponent(file.path)
            do {
                try FileManager.default.createDirectory(
                    at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(file.text.utf8).write(to: url, options: .withoutOverwriting)
            } catch {
                StandardError.print("archlab: cannot write \(url.path): \(error.localizedDescription)")
                throw ExitCode(2)
            }
        }
    }

    /// `lessons = [...]` with `file` appended, or exit 2 when the manifest's text has no such array.
    static func appendingLesson(_ file: String, to text: String) throws -> String {
        do {
            return try ManifestText.appendingLesson(file, to: text)
        } catch {
            StandardError.print("archlab: \(error)")
            throw ExitCode(2)
        }
    }

    /// Replaces `Lessons/course.toml` with the edited text (atomically).
    static func replaceManifest(_ text: String, in root: URL) throws {
        let url = root.appendingPathComponent("Lessons/course.toml")
        do {
            try Data(text.utf8).write(to: url, options: .atomic)
        } catch {
            StandardError.print("archlab: cannot write \(url.path): \(error.localizedDescription)")
            throw ExitCode(2)
        }
    }
}
