import CourseKit
import Foundation
import XCTest

@testable import Exercises

/// The workspace without building it: what `exercise start` writes, checksums, and the harness registry.
final class WorkspaceTests: XCTestCase {
    private var root: URL!
    private var course: Course!

    override func setUpWithError() throws {
        try super.setUpWithError()
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        course = try Course.load(from: packageRoot)
        root = FileManager.default.temporaryDirectory.appendingPathComponent("workspace-\(UUID().uuidString)")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: root)
        try super.tearDownWithError()
    }

    private func exercise(_ id: String) throws -> Exercise {
        try XCTUnwrap(course.exercise(id: id))
    }

    func testStartingAddsTheFileTheAdapterAndARegistryOfTheStartedExercisesOnly() throws {
        let workspace = Workspace(root: root)
        let first = try workspace.start(try exercise("token-bucket"), course: course)
        XCTAssertTrue(first.created)
        XCTAssertFalse(first.keptExistingFile)
        let registry = try String(
            contentsOf: root.appendingPathComponent("Sources/Harness/Registry.swift"), encoding: .utf8)
        XCTAssertTrue(registry.contains("TokenBucketCalls.self"), registry)
        XCTAssertFalse(registry.contains("ExactCacheCalls"), registry)
        XCTAssertFalse(
            FileManager.default.fileExists(
                atPath: root.appendingPathComponent("Sources/Harness/ExactCacheCalls.swift").path))

        _ = try workspace.start(try exercise("exact-cache"), course: course)
        let both = try String(
            contentsOf: root.appendingPathComponent("Sources/Harness/Registry.swift"), encoding: .utf8)
        XCTAssertTrue(both.contains("TokenBucketCalls.self") && both.contains("ExactCacheCalls.self"), both)
        XCTAssertEqual(try workspace.manifest().exercises, ["token-bucket", "exact-cache"])
        for path in try workspace.manifest().provided.keys {
            let text = try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
            XCTAssertTrue(text.hasPrefix("// "), "\(path) starts with its header line")
        }
    }

    func testALearnersFileIsNeverOverwrittenAndAChangedProvidedFileIsNamed() throws {
        let workspace = Workspace(root: root)
        let bucket = try exercise("token-bucket")
        _ = try workspace.start(bucket, course: course)
        try "// mine\n".write(to: workspace.learnerFile(bucket), atomically: true, encoding: .utf8)
        let again = try workspace.start(bucket, course: course)
        XCTAssertTrue(again.keptExistingFile)
        XCTAssertTrue(again.alreadyStarted)
        XCTAssertEqual(try String(contentsOf: workspace.learnerFile(bucket), encoding: .utf8), "// mine\n")

        let support = root.appendingPathComponent("Sources/ServerSupport/SHA256.swift")
        try (try Data(contentsOf: support) + Data("\n".utf8)).write(to: support)
        XCTAssertEqual(workspace.changedProvidedFiles(try workspace.manifest()), ["Sources/ServerSupport/SHA256.swift"])
        XCTAssertThrowsError(try workspace.start(try exercise("exact-cache"), course: course)) { error in
            XCTAssertTrue("\(error)".contains("Sources/ServerSupport/SHA256.swift"), "\(error)")
        }
        _ = try workspace.start(bucket, course: course, repair: true)
        XCTAssertEqual(workspace.changedProvidedFiles(try workspace.manifest()), [])
        XCTAssertEqual(try String(contentsOf: workspace.learnerFile(bucket), encoding: .utf8), "// mine\n")
    }

    func testResetRestoresTheStarterAndKeepsABackup() throws {
        let workspace = Workspace(root: root)
        let bucket = try exercise("token-bucket")
        _ = try workspace.start(bucket, course: course)
        try "// attempt\n".write(to: workspace.learnerFile(bucket), atomically: true, encoding: .utf8)
        XCTAssertEqual(try workspace.reset(bucket), "Sources/ServerSwift/TokenBucket.swift.bak")
        XCTAssertEqual(try Data(contentsOf: workspace.learnerFile(bucket)), try Data(contentsOf: bucket.starterFile))
        XCTAssertEqual(
            try String(
                contentsOf: root.appendingPathComponent("Sources/ServerSwift/TokenBucket.swift.bak"), encoding: .utf8),
            "// attempt\n")
    }

    func testTheCapstoneJoinsTheRegistryOnlyOnceEveryExerciseIsStarted() throws {
        let workspace = Workspace(root: root)
        let capstone = try exercise("capstone")
        let others = course.exercises.filter { !$0.isCapstone }
        XCTAssertEqual(others.count, 8)
        _ = try workspace.start(try exercise("exact-cache"), course: course)
        XCTAssertThrowsError(try workspace.start(capstone, course: course)) { error in
            XCTAssertTrue(
                "\(error)".contains("needs every exercise started; not started yet: cost-of-a-call, semantic-cache"),
                "\(error)")
        }
        let registry = root.appendingPathComponent("Sources/Harness/Registry.swift")
        for other in others.dropLast() { _ = try workspace.start(other, course: course) }
        XCTAssertFalse(try String(contentsOf: registry, encoding: .utf8).contains("CapstoneCalls"))
        XCTAssertFalse(try workspace.manifest().exercises.contains("capstone"))

        let last = try workspace.start(try XCTUnwrap(others.last), course: course)
        XCTAssertFalse(last.keptExistingFile)
        XCTAssertTrue(try String(contentsOf: registry, encoding: .utf8).contains("CapstoneCalls.self"))
        XCTAssertEqual(try workspace.manifest().exercises.last, "capstone", "it joins after the last exercise")
        let again = try workspace.start(capstone, course: course)
        XCTAssertTrue(again.alreadyStarted)
        XCTAssertThrowsError(try workspace.reset(capstone), "the capstone has no file to reset")
    }
}
