import Foundation
import XCTest

@testable import Labs

final class ScenarioTests: XCTestCase {
    func testPrintDefaults() async throws {
        for scenario in ScenarioCatalog.all {
            let report = try await ScenarioRunner(seed: 42).run(scenario)
            print(scenario.id, "req", report.requests, "exact", report.exactHits, "sem", report.semanticHits, "wrong", report.wrongSemanticHits, "miss", report.misses, "rej", report.rejectedByKind, "cost", report.costUSD, "base", report.baselineCostUSD, report.latencyMs)
        }
    }
}
