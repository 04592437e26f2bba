import Foundation
import XCTest

/// The fixtures more than one test target reads: the `valid/`, `broken/` and `lab-course/` (REPLTests,
/// LabCommandsTests) courses, `answers/`,
/// `golden/` and `junit.xsd` (CourseKitTests, EndToEndTests) and `differential.redis`, the
/// differential scripts (KeyspaceTests, RedisServerTests); `deliberate-bugs/<exercise>/`, solutions with one bug
/// each (EndToEndTests).
public enum SharedFixtures {
    /// The folder holding them; missing only in a broken package, so the test fails, never skips.
    public static var root: URL {
        get throws {
            try XCTUnwrap(
                Bundle.module.url(forResource: "Fixtures", withExtension: nil), "TestSupport's Fixtures are missing")
        }
    }

    /// The fixture file `name` (for example `differential.redis`).
    public static func url(_ name: String) throws -> URL {
        try root.appendingPathComponent(name)
    }
}
