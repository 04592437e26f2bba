import Foundation
import XCTest

/// Skips a test whose tool is missing, with `reason`; under `ARCHLAB_REQUIRE_ALL=1` (as CI sets it)
/// the test fails instead, because there every tool must be present.
public func requireTool(_ available: Bool, _ reason: String, file: StaticString = #filePath, line: UInt = #line) throws
{
    if available { return }
    if ProcessInfo.processInfo.environment["ARCHLAB_REQUIRE_ALL"] == "1" {
        XCTFail("required but unavailable (ARCHLAB_REQUIRE_ALL=1): \(reason)", file: file, line: line)
        throw XCTSkip("failed: \(reason)")
    }
    throw XCTSkip(reason)
}

/// The full path of the executable `name` found in `PATH`; when it is not there, a skip with
/// `reason` (a failure under `ARCHLAB_REQUIRE_ALL=1`), as `requireTool`.
public func requireExecutable(
    _ name: String, _ reason: String, file: StaticString = #filePath, line: UInt = #line
) throws -> String {
    let found = findExecutable(name)
    try requireTool(found != nil, reason, file: file, line: line)
    guard let found else { throw XCTSkip(reason) }
    return found
}

/// The full path of `name` in a directory of `PATH`, or nil when no such executable is there.
public func findExecutable(_ name: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for directory in path.split(separator: ":") {
        let candidate = "\(directory)/\(name)"
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
}
