import Foundation
import XCTest

/// Skips a test whose tool is missing — or fails it when `ARCHLAB_REQUIRE_ALL=1` (CI).
func requireTool(_ available: Bool, _ reason: String) throws {
    if available { return }
    if ProcessInfo.processInfo.environment["ARCHLAB_REQUIRE_ALL"] == "1" {
        XCTFail("required but unavailable: \(reason)")
        throw XCTSkip("failed: \(reason)")
    }
    throw XCTSkip(reason)
}

/// The full path of an executable on PATH, or nil.
func findExecutable(_ name: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for directory in path.split(separator: ":") {
        let candidate = "\(directory)/\(name)"
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
}
