import Foundation
import Semantic
import XCTest

/// Reads the JSON fixtures copied from the reference implementations.
enum Fixture {
    static func json(_ name: String) throws -> [String: Any] {
        // A bundled fixture that is missing or unreadable is a broken package: the test fails, never skips.
        let url = try XCTUnwrap(Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: "json"), "fixture \(name).json is missing")
        let data = try Data(contentsOf: url)
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any], "fixture \(name).json is not a JSON object")
    }

    static func floats(_ value: Any?) -> [Float] {
        (value as? [NSNumber])?.map { $0.floatValue } ?? []
    }

    /// The installed MiniLM model, or a skip (a failure under ARCHLAB_REQUIRE_ALL=1) with the reason.
    static func miniLM() throws -> MiniLMEmbedder {
        let environment = ProcessInfo.processInfo.environment
        let store = ModelStore(environment: environment)
        guard store.isPresent else {
            let reason = "all-MiniLM-L6-v2 is not installed in \(store.directory); run `swift run archlab model fetch`"
            if environment["ARCHLAB_REQUIRE_ALL"] == "1" {
                XCTFail(reason + " (ARCHLAB_REQUIRE_ALL=1)")
                throw Failure.modelMissing
            }
            print("skipping: " + reason)
            throw XCTSkip(reason)
        }
        return try Shared.model(directory: store.directory)
    }

    enum Failure: Error {
        case modelMissing
    }

    /// Loads the model once per test process.
    private enum Shared {
        nonisolated(unsafe) static var loaded: MiniLMEmbedder?
        static let lock = NSLock()

        static func model(directory: String) throws -> MiniLMEmbedder {
            lock.lock()
            defer { lock.unlock() }
            if let loaded { return loaded }
            let model = try MiniLMEmbedder(directory: directory)
            loaded = model
            return model
        }
    }
}
