import Foundation
import Labs
import Semantic
import XCTest

/// The installed all-MiniLM-L6-v2, memoised and loaded once per test process, or a skip with the
/// reason (a failure under ARCHLAB_REQUIRE_ALL=1, where every tool must be present).
enum InstalledModel {
    static func miniLM() throws -> any Embedder {
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

    private enum Shared {
        nonisolated(unsafe) static var loaded: MemoizingEmbedder?
        static let lock = NSLock()

        static func model(directory: String) throws -> MemoizingEmbedder {
            lock.lock()
            defer { lock.unlock() }
            if let loaded { return loaded }
            let model = MemoizingEmbedder(try MiniLMEmbedder(directory: directory))
            loaded = model
            return model
        }
    }
}
