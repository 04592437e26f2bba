import Foundation
import XCTest

/// The package's built executables (`archlab`, `ProgressCrashWriter`), found next to the test
/// bundle as swift-argument-parser's ExampleTests find theirs.
public enum BuiltProducts {
    /// The executable `name` from the build directory; a skip (a failure under
    /// `ARCHLAB_REQUIRE_ALL=1`) when it is not built.
    public static func executable(_ name: String) throws -> URL {
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var directories = [exe.deletingLastPathComponent()]
        directories += Bundle.allBundles.map { $0.bundleURL.deletingLastPathComponent() }
        directories.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        for directory in directories {
            let url = directory.appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        try requireTool(false, "the \(name) executable is not built next to the tests (run `swift build` first)")
        throw XCTSkip("\(name) is not built")
    }
}
