import Foundation
import Semantic
import TestSupport
import XCTest

/// Reads the JSON fixtures copied from the reference implementations.
enum Fixture {
    static func json(_ name: String) throws -> [String: Any] {
        // A bundled fixture that is missing or unreadable is a broken package: the test fails, never skips.
        let url = try XCTUnwrap(
            Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: "json"), "fixture \(name).json is missing"
        )
        let data = try Data(contentsOf: url)
        return try XCTUnwrap(
            try JSONSerialization.jsonObject(with: data) as? [String: Any], "fixture \(name).json is not a JSON object")
    }

    static func floats(_ value: Any?) -> [Float] {
        (value as? [NSNumber])?.map { $0.floatValue } ?? []
    }

    /// The installed MiniLM model, or a skip (a failure under ARCHLAB_REQUIRE_ALL=1) with the reason.
    static func miniLM() throws -> MiniLMEmbedder {
        try InstalledModel.miniLM()
    }
}
