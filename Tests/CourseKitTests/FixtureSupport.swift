import Foundation
import TestSupport
import XCTest

@testable import CourseKit

/// Access to the fixture courses and temporary copies of them.
enum Fixtures {
    /// The fixtures shared with EndToEndTests: the courses, answers files and golden reports.
    static var root: URL {
        get throws { try SharedFixtures.root }
    }

    /// The lint overlays only these tests use: one folder a broken course, with its `expected.txt`.
    static var broken: URL {
        get throws { try XCTUnwrap(Bundle.module.url(forResource: "Fixtures/broken", withExtension: nil)) }
    }

    static var valid: URL {
        get throws { try root.appendingPathComponent("valid") }
    }

    /// A fresh temporary copy of the valid course, with the files of `overlay` (a folder) copied over it.
    static func copyOfValid(overlay: URL? = nil) throws -> URL {
        let target = FileManager.default.temporaryDirectory
            .appendingPathComponent("coursekit-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: try valid, to: target)
        if let overlay { try copyTree(from: overlay, to: target) }
        return target
    }

    static func copyTree(from source: URL, to target: URL) throws {
        let enumerator = FileManager.default.enumerator(at: source, includingPropertiesForKeys: [.isDirectoryKey])
        while let url = enumerator?.nextObject() as? URL {
            let relative = String(url.standardizedFileURL.path.dropFirst(source.standardizedFileURL.path.count + 1))
            guard relative != "expected.txt" else { continue }
            let destination = target.appendingPathComponent(relative)
            if (try url.resourceValues(forKeys: [.isDirectoryKey])).isDirectory == true {
                try FileManager.default.createDirectory(at: destination, withIntermediateDirectories: true)
            } else {
                try? FileManager.default.removeItem(at: destination)
                try FileManager.default.copyItem(at: url, to: destination)
            }
        }
    }

    static func write(_ text: String, to relativePath: String, in course: URL) throws {
        try Data(text.utf8).write(to: course.appendingPathComponent(relativePath))
    }

    static func loadValid() throws -> Course {
        try Course.load(from: try valid)
    }
}
