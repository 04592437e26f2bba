import Foundation
import XCTest

/// An end-to-end test with its own scratch directory (progress databases, answers files), made before each
/// test and removed after it.
class ScratchDirectoryTestCase: XCTestCase {
    /// The start of the directory's name, which ends with a UUID.
    class var scratchPrefix: String { "e2e" }

    private(set) lazy var scratch = FileManager.default.temporaryDirectory
        .appendingPathComponent("\(type(of: self).scratchPrefix)-\(UUID().uuidString)")

    override func setUpWithError() throws {
        try super.setUpWithError()
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: scratch)
        try super.tearDownWithError()
    }
}
