import Foundation
import XCTest

@testable import CourseKit

final class LoadingTests: XCTestCase {
    func testManifestLessonsAndMatrixLoadInOrder() throws {
        let course = try Fixtures.loadValid()
        XCTAssertEqual(course.title, "Tiny Course")
        XCTAssertEqual(course.subtitle, "Fixture")
        XCTAssertEqual(course.ticker, "CACHE /// LIMIT")
        XCTAssertEqual(course.quote, "Cache or pay.")
        XCTAssertEqual(course.lessons.map(\.id), ["caching", "limits"])
        XCTAssertEqual(course.lesson(number: 2)?.id, "limits")
        XCTAssertNil(course.lesson(number: 3))
        XCTAssertNil(course.lesson(number: 0))
        XCTAssertEqual(course.lesson(id: "caching")?.scenario, "exact-cache")
        XCTAssertEqual(course.lesson(id: "caching")?.summary, "Why cache.")
        XCTAssertEqual(course.lesson(id: "limits")?.relativePath, "Lessons/02-limits.md")
        XCTAssertEqual(course.quizzes.map(\.id), ["caching", "limits"])
        XCTAssertEqual(course.matrix.nodes.map(\.id), ["cost-model", "exact-cache", "rate-limit", "production"])
        let node = try XCTUnwrap(course.node(id: "exact-cache"))
        XCTAssertEqual([node.column, node.row], [1, 0])
        XCTAssertEqual(node.lab, "exact-cache")
        XCTAssertEqual(node.line, 14)
        XCTAssertEqual(course.matrix.gridSize.columns, 3)
        XCTAssertEqual(course.matrix.gridSize.rows, 2)
        XCTAssertEqual(course.glossaryEntry(term: "redis")?.seeAlso, ["TTL"])
        XCTAssertEqual(course.faq.first?.lesson, "limits")
    }

    func testPagesSplitAtHeadingsOutsideFences() throws {
        let lesson = try XCTUnwrap(try Fixtures.loadValid().lesson(id: "limits"))
        XCTAssertEqual(lesson.pages.map(\.title), ["Token bucket", "Windows"])
        XCTAssertEqual(lesson.pages.map(\.line), [10, 18])
        XCTAssertTrue(lesson.pages[0].markdown.contains("## not a page: inside a fence"))
        XCTAssertEqual(lesson.pages[1].markdown, "Fixed and sliding.")
    }

    func testIncludesTakeTheAnchoredLinesWithoutMarkers() throws {
        let lesson = try XCTUnwrap(try Fixtures.loadValid().lesson(id: "caching"))
        XCTAssertEqual(
            lesson.pages[1].markdown,
            """
            ```swift
            let key = hash(prompt)
            if let hit = cache[key] {
                return hit
            }
            ```
            """)
        XCTAssertEqual(lesson.pages[2].markdown, "let answer = 42")
    }

    func testWindowsLineEndingsLoadTheSameCourse() throws {
        let copy = try Fixtures.copyOfValid()
        defer { try? FileManager.default.removeItem(at: copy) }
        let files = FileManager.default.enumerator(at: copy, includingPropertiesForKeys: nil)
        while let url = files?.nextObject() as? URL {
            guard ["md", "toml", "swift"].contains(url.pathExtension) else { continue }
            let text = try String(contentsOf: url, encoding: .utf8)
            try Data(text.replacingOccurrences(of: "\n", with: "\r\n").utf8).write(to: url)
        }
        let crlf = try Course.load(from: copy)
        let lf = try Fixtures.loadValid()
        XCTAssertEqual(crlf.lessons.map(\.pages), lf.lessons.map(\.pages), "pages, includes and their lines")
        XCTAssertEqual(crlf.quizzes.map(\.questions), lf.quizzes.map(\.questions))
        XCTAssertEqual(crlf.matrix.nodes.map(\.line), lf.matrix.nodes.map(\.line))
    }

    func testQuestionsCarryEveryField() throws {
        let course = try Fixtures.loadValid()
        let quiz = try XCTUnwrap(course.quiz(id: "caching"))
        XCTAssertEqual(quiz.unlocks, "cost-model")
        XCTAssertEqual(quiz.pass, 0.75)
        XCTAssertEqual(quiz.questions.map(\.kind), [.single, .multiple, .short, .numeric])
        XCTAssertEqual(quiz.maxScore, 5)
        let single = quiz.questions[0]
        XCTAssertEqual(single.options.map(\.key), ["a", "b", "c"])
        XCTAssertEqual(single.option(key: "b")?.feedback, "Caching does not change tokens.")
        XCTAssertEqual(single.hints, ["Think money."])
        XCTAssertEqual(single.line, 6)
        XCTAssertEqual(quiz.questions[1].points, 2)
        XCTAssertTrue(quiz.questions[1].partial)
        XCTAssertEqual(quiz.questions[2].acceptRegex, ["all\\s?keys[- ]lru"])
        XCTAssertEqual(quiz.questions[3].answer, 3600)
        XCTAssertEqual(quiz.questions[3].unit, "s")
        let limits = try XCTUnwrap(course.quiz(id: "limits"))
        XCTAssertEqual(limits.questions[0].items.map(\.key), ["refill", "check", "take"])
        XCTAssertEqual(limits.questions[1].points, 1.5)
        XCTAssertEqual(limits.questions[1].tolerance, 0.1)
        XCTAssertTrue(limits.questions[2].caseSensitive)
        XCTAssertEqual(limits.questions[2].example, "Too Many Requests")
    }

    /// The content hash is the SHA-256 of the file's bytes: compare with the system's `sha256sum`.
    func testContentHashMatchesSha256sum() throws {
        let quiz = try XCTUnwrap(try Fixtures.loadValid().quiz(id: "caching"))
        XCTAssertEqual(
            SHA256.hex(of: Array("abc".utf8)), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(SHA256.hex(of: []), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        let tool = URL(fileURLWithPath: "/usr/bin/sha256sum")
        guard FileManager.default.isExecutableFile(atPath: tool.path) else {
            throw XCTSkip("sha256sum is not installed")
        }
        let process = Process()
        process.executableURL = tool
        process.arguments = [quiz.file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(output.split(separator: " ").first.map(String.init), quiz.contentHash)
    }

    /// Padding boundaries, checked against Python's hashlib.
    func testSHA256AtPaddingBoundaries() {
        let expected: [Int: String] = [
            55: "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318",
            56: "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a",
            63: "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34",
            64: "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb",
            65: "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0",
            1000: "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3",
        ]
        for (count, digest) in expected {
            XCTAssertEqual(SHA256.hex(of: [UInt8](repeating: 0x61, count: count)), digest, "\(count) bytes")
        }
    }

    func testCourseDirectoryDiscovery() throws {
        let course = try Fixtures.copyOfValid()
        defer { try? FileManager.default.removeItem(at: course) }
        let nested = course.appendingPathComponent("Sources")
        let found = try CourseLocator.locate(explicit: nil, environment: [:], workingDirectory: nested)
        XCTAssertEqual(found.standardizedFileURL.path, course.standardizedFileURL.path)
        let byEnvironment = try CourseLocator.locate(
            explicit: nil, environment: ["ARCHLAB_COURSE": course.path], workingDirectory: URL(fileURLWithPath: "/"))
        XCTAssertEqual(byEnvironment.path, course.standardizedFileURL.path)
        XCTAssertThrowsError(
            try CourseLocator.locate(
                explicit: "/", environment: ["ARCHLAB_COURSE": course.path], workingDirectory: nested))
        XCTAssertThrowsError(
            try CourseLocator.locate(explicit: nil, environment: [:], workingDirectory: URL(fileURLWithPath: "/proc")))
    }

    func testKeyLocatorFindsNestedArrayTables() {
        let text = """
            id = "q"
            [[question]]
            id = "one"
            desc = \"\"\"
            id = "not a key"
            \"\"\"
              [[question.option]]
              key = "a"
            [[question]]
            id = "two"
              [[question.option]]
              key = "a"
              [[question.option]]
              "key" = "b"
            [quiz.exact-caching]
            setex = "a"
            """
        let locator = TOMLKeyLocator(text: text)
        XCTAssertEqual(locator.position(of: "question[0].id").line, 3)
        XCTAssertEqual(locator.position(of: "question[0].option[0].key").line, 8)
        XCTAssertEqual(locator.position(of: "question[1].option[1].key"), .init(line: 14, column: 3))
        XCTAssertEqual(locator.position(of: "question[1].option[1]").line, 13)
        XCTAssertEqual(locator.position(of: "question[1].missing").line, 9)
        XCTAssertEqual(locator.position(of: "quiz.exact-caching.setex").line, 16)
        XCTAssertEqual(locator.position(of: "nothing").line, 1)
    }
}
