import Foundation

/// A course loaded as far as its files allow, with every finding met on the way.
public struct CourseLoadResult: Sendable {
    /// The course; parts that could not be read are left out (a lesson with a broken front matter…).
    public let course: Course
    /// Findings sorted by file, line and column.
    public let findings: [LintFinding]

    /// True when no finding is an error.
    public var isClean: Bool { !findings.contains { $0.severity == .error } }
}

/// Loads a course directory: `Lessons/course.toml`, the lessons it lists, `Quizzes/*.toml`,
/// `Lessons/glossary.toml` and `Lessons/faq.toml`, then checks everything that spans files.
public enum CourseLoader {
    /// Loads and checks a course. Throws only when there is no usable course at all (no manifest,
    /// unreadable manifest); everything else becomes a finding. `knownScenarios`, when given, is
    /// the set of scenario ids that lessons' `scenario` and nodes' `lab` may name.
    public static func load(directory: URL, knownScenarios: Set<String>? = nil) throws(CourseError) -> CourseLoadResult
    {
        var state = LoadState(directory: directory.standardizedFileURL)
        try state.readManifest()
        // Quizzes are read on another core while this one reads the lessons and references (start-up time).
        let others = LoadStateBox(LoadState(directory: state.directory))
        let group = DispatchGroup()
        DispatchQueue.global(qos: .userInitiated).async(group: group) { others.state.readQuizzes() }
        state.readLessons()
        state.readReferences()
        state.readExercises()
        group.wait()
        state.absorb(others.state)
        let course = state.makeCourse()
        var checks = CourseChecks(course: course, state: state, knownScenarios: knownScenarios)
        checks.run()
        let findings = (state.findings + checks.findings).sorted { lhs, rhs in
            (lhs.file, lhs.line, lhs.column, lhs.code, lhs.message) < (
                rhs.file, rhs.line, rhs.column, rhs.code, rhs.message
            )
        }
        return CourseLoadResult(course: course, findings: findings)
    }
}

extension Course {
    /// Loads a course for use (the REPL, `grade`): throws when the course has any lint error.
    public static func load(from directory: URL, knownScenarios: Set<String>? = nil) throws(CourseError) -> Course {
        let result = try CourseLoader.load(directory: directory, knownScenarios: knownScenarios)
        guard result.isClean else { throw .invalid(findings: result.findings.filter { $0.severity == .error }) }
        return result.course
    }
}

/// A load state handed to one other thread and read back only after that thread is done.
private final class LoadStateBox: @unchecked Sendable {
    var state: LoadState

    init(_ state: LoadState) {
        self.state = state
    }
}

/// What loading has gathered so far, shared with `CourseChecks`.
struct LoadState {
    let directory: URL
    var findings: [LintFinding] = []
    var manifest = Manifest()
    var manifestLoaded = false
    var lessons: [Lesson] = []
    var quizzes: [Quiz] = []
    var exercises: [Exercise] = []
    var glossary: [(entry: GlossaryEntry, path: String)] = []
    var faq: [(entry: FAQEntry, path: String)] = []
    /// The diagnostics of every TOML text read, by relative path, whose key locators place cross-file findings.
    var fileDiagnostics: [String: FileDiagnostics] = [:]

    static let manifestPath = "Lessons/course.toml"

    init(directory: URL) {
        self.directory = directory
    }

    func url(_ relativePath: String) -> URL {
        directory.appendingPathComponent(relativePath)
    }

    /// Where the key at `path` is in the TOML text read from `file` (line 1 when the file was not read).
    func position(of path: String, in file: String) -> TOMLKeyLocator.Position {
        fileDiagnostics[file]?.locator.position(of: path) ?? TOMLKeyLocator(text: "").position(of: path)
    }

    /// A course file's text, read through `SourceFile.read` (inside the course folder, at most 10 MB).
    mutating func readCourseFile(_ relativePath: String) -> String? {
        SourceFile.read(url(relativePath), relativePath: relativePath, courseDirectory: directory, findings: &findings)
    }

    mutating func readManifest() throws(CourseError) {
        let manifestURL = url(Self.manifestPath)
        guard CourseLocator.hasManifest(directory) else { throw .notACourse(path: directory.path) }
        guard
            CourseFileBounds.check(
                manifestURL, relativePath: Self.manifestPath, courseDirectory: directory, findings: &findings)
        else { return }
        guard FileManager.default.isReadableFile(atPath: manifestURL.path),
            let data = FileManager.default.contents(atPath: manifestURL.path)
        else {
            throw .unreadable(file: manifestURL.path, message: "cannot read the course manifest")
        }
        guard let text = SourceFile.text(data, relativePath: Self.manifestPath, findings: &findings) else { return }
        let diagnostics = FileDiagnostics(file: Self.manifestPath, text: text)
        fileDiagnostics[Self.manifestPath] = diagnostics
        if let parsed = ManifestParser.parse(text: text, diagnostics: diagnostics) {
            manifest = parsed
            manifestLoaded = true
        }
        findings += diagnostics.findings
    }

    mutating func readLessons() {
        let onDisk = Self.files(in: url("Lessons"), withExtension: "md")
        let listed = manifestLoaded ? manifest.lessonFiles : onDisk
        var number = 0
        var done: Set<String> = []
        let resolver = IncludeResolver(courseDirectory: directory)
        for name in listed where done.insert(name).inserted {
            let relativePath = "Lessons/" + name
            guard !name.contains("/"), !name.hasPrefix("."), onDisk.contains(name) else {
                let position = position(of: "lessons", in: Self.manifestPath)
                findings.append(
                    LintFinding(
                        file: Self.manifestPath, line: position.line, column: position.column,
                        code: "dangling-reference",
                        message: "lesson file `\(name)` not found in Lessons/"))
                continue
            }
            guard let text = readCourseFile(relativePath) else { continue }
            number += 1
            var frontMatter: FileDiagnostics?
            if let lesson = LessonParser.parse(
                text: text, file: url(relativePath), relativePath: relativePath, number: number,
                resolver: resolver, findings: &findings, frontMatter: &frontMatter)
            {
                lessons.append(lesson)
            }
            // The parser's own diagnostics: the front matter is not split and scanned a second time.
            if let frontMatter { fileDiagnostics[relativePath] = frontMatter }
        }
        for name in onDisk where manifestLoaded && !listed.contains(name) {
            findings.append(
                LintFinding(
                    file: "Lessons/" + name, line: 1, code: "unlisted-lesson",
                    message: "lesson file is not listed in `lessons` of Lessons/course.toml"))
        }
    }

    /// Takes over the quizzes `other` read, with their diagnostics and findings.
    mutating func absorb(_ other: LoadState) {
        findings += other.findings
        quizzes += other.quizzes
        fileDiagnostics.merge(other.fileDiagnostics) { mine, _ in mine }
    }

    mutating func readQuizzes() {
        for name in Self.files(in: url("Quizzes"), withExtension: "toml") {
            let relativePath = "Quizzes/" + name
            guard let text = readCourseFile(relativePath) else { continue }
            let diagnostics = FileDiagnostics(file: relativePath, text: text)
            fileDiagnostics[relativePath] = diagnostics
            if let quiz = QuizParser.parse(
                text: text, file: url(relativePath), relativePath: relativePath, diagnostics: diagnostics)
            {
                quizzes.append(quiz)
            }
            findings += diagnostics.findings
        }
    }

    mutating func readReferences() {
        for (name, isGlossary) in [("glossary.toml", true), ("faq.toml", false)] {
            let relativePath = "Lessons/" + name
            guard FileManager.default.fileExists(atPath: url(relativePath).path) else { continue }
            guard let text = readCourseFile(relativePath) else { continue }
            let diagnostics = FileDiagnostics(file: relativePath, text: text)
            fileDiagnostics[relativePath] = diagnostics
            if isGlossary {
                glossary = ReferenceParsers.glossary(text: text, diagnostics: diagnostics)
            } else {
                faq = ReferenceParsers.faq(text: text, diagnostics: diagnostics)
            }
            findings += diagnostics.findings
        }
    }

    func makeCourse() -> Course {
        var ordered: [Quiz] = []
        for lesson in lessons {
            if let quiz = quizzes.first(where: { $0.id == lesson.quiz }), !ordered.contains(where: { $0.id == quiz.id })
            {
                ordered.append(quiz)
            }
        }
        for quiz in quizzes where !ordered.contains(where: { $0.id == quiz.id }) { ordered.append(quiz) }
        return Course(
            directory: directory, title: manifest.title, subtitle: manifest.subtitle, ticker: manifest.ticker,
            description: manifest.description, quote: manifest.quote, lessons: lessons, quizzes: ordered,
            matrix: Matrix(nodes: manifest.nodes), glossary: glossary.map(\.entry), faq: faq.map(\.entry),
            exercises: exercises, labQuestions: manifest.labQuestions)
    }

    /// File names with this extension directly in a folder, sorted; empty when the folder is missing.
    static func files(in folder: URL, withExtension ext: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { name in
            guard name.hasSuffix("." + ext), !name.hasPrefix(".") else { return false }
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(
                atPath: folder.appendingPathComponent(name).path, isDirectory: &isDirectory)
            return exists && !isDirectory.boolValue
        }.sorted()
    }
}
