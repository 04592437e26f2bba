import Foundation
import Semantic
import XCTest

/// The installed all-MiniLM-L6-v2, loaded once per test process, or a skip with the reason
/// (a failure under `ARCHLAB_REQUIRE_ALL=1`, where every tool must be present).
public enum InstalledModel {
    /// Where all-MiniLM-L6-v2 is (or would be) installed, and whether it is there, for tests that run the
    /// `archlab` binary and point it at the same model.
    public static var location: (directory: String, isPresent: Bool) {
        let store = ModelStore(environment: ProcessInfo.processInfo.environment)
        return (store.directory, store.isPresent)
    }

    public static func miniLM() throws -> MiniLMEmbedder {
        let store = ModelStore(environment: ProcessInfo.processInfo.environment)
        try requireTool(
            store.isPresent,
            "all-MiniLM-L6-v2 is not installed in \(store.directory); run `swift run archlab model fetch`")
        return try Shared.model(directory: store.directory)
    }

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
