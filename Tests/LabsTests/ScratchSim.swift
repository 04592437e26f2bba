import Foundation
import XCTest
import Semantic
@testable import Labs

final class ScratchSim: XCTestCase {
    func testNearest() throws {
        var embedders: [any Embedder] = [LexicalEmbedder()]
        if let m = try? MiniLMEmbedder() { embedders.append(m) }
        let intents = SupportCatalog.intents
        for e in embedders {
            var rows: [(Float, String, String)] = []
            for (i, a) in intents.enumerated() { for b in intents[(i+1)...] {
                for pa in a.phrasings { for pb in b.phrasings { rows.append((try e.similarity(pa, pb), pa, pb)) } }
            } }
            rows.sort { $0.0 > $1.0 }
            print(e.name, "top cross-intent:"); for r in rows.prefix(12) { print(String(format: "%.3f", r.0), r.1, "|", r.2) }
            var same: [(Float, String, String)] = []
            for a in intents { for (i, pa) in a.phrasings.enumerated() { for pb in a.phrasings[(i+1)...] { same.append((try e.similarity(pa, pb), pa, pb)) } } }
            same.sort { $0.0 > $1.0 }
            print(e.name, "same-intent quantiles:", same.count, [0, same.count/4, same.count/2, 3*same.count/4, same.count-1].map { String(format: "%.3f", same[$0].0) })
        }
    }
}
