import CourseKit
import Foundation
import XCTest

/// The installed course (`<bindir>/../share/archlab/course`) is the locator's last fallback: `--course`,
/// `ARCHLAB_COURSE` and a course above the working directory all come first, and the error names it.
final class CourseLocatorTests: XCTestCase {
    func testInstalledCourseIsTheLastFallback() throws {
        let files = FileManager.default
        let prefix = files.temporaryDirectory.appendingPathComponent("coursekit-prefix-\(UUID().uuidString)")
        defer { try? files.removeItem(at: prefix) }
        try files.createDirectory(at: prefix.appendingPathComponent("share/archlab"), withIntermediateDirectories: true)
        let installed = prefix.appendingPathComponent("share/archlab/course")
        try files.copyItem(at: try Fixtures.valid, to: installed)
        let other = try Fixtures.copyOfValid()
        defer { try? files.removeItem(at: other) }
        let beside = CourseLocator.installedCourse(besideExecutable: prefix.appendingPathComponent("bin/archlab"))
        XCTAssertEqual(beside.path, installed.standardizedFileURL.path)

        let outside = URL(fileURLWithPath: "/proc")
        let fallback = try CourseLocator.locate(
            explicit: nil, environment: [:], workingDirectory: outside, installed: beside)
        XCTAssertEqual(fallback.path, installed.standardizedFileURL.path)
        let above = try CourseLocator.locate(
            explicit: nil, environment: [:], workingDirectory: other.appendingPathComponent("Lessons"),
            installed: beside)
        XCTAssertEqual(above.path, other.standardizedFileURL.path)
        let byEnvironment = try CourseLocator.locate(
            explicit: nil, environment: ["ARCHLAB_COURSE": other.path], workingDirectory: outside, installed: beside)
        XCTAssertEqual(byEnvironment.path, other.standardizedFileURL.path)

        let missing = prefix.appendingPathComponent("share/archlab/none")
        XCTAssertThrowsError(
            try CourseLocator.locate(
                explicit: nil, environment: [:], workingDirectory: outside, installed: missing)
        ) { error in
            let message = "\(error)"
            XCTAssertTrue(message.contains("nor in \(missing.path) (the course installed beside archlab)"), message)
        }
    }
}
