import Gateway
import XCTest

@testable import Labs

/// The limiting scenarios run their step's own algorithm unless a parameter names another.
final class ScenarioLimiterTests: XCTestCase {
    private func setup(_ id: String, _ assignments: [String: String] = [:]) throws -> ScenarioSetup {
        let scenario = try ScenarioCatalog.scenario(id)
        return try scenario.configure(scenario.values(assignments))
    }

    private func describe(_ limiting: GatewayParts.Limiting) -> String {
        switch limiting {
        case .step(let algorithm, let rate):
            return "step's own algorithm: \(algorithm ?? "yes"), rate: \(rate.map { "\($0)" } ?? "step's own")"
        case .given: return "given"
        case .off: return "off"
        }
    }

    func testAbuseAndTokenBucketSetOnlyTheRateAndTheOthersTheAlgorithmToo() throws {
        XCTAssertEqual(describe(try setup("abuse").limiting), "step's own algorithm: yes, rate: 20 per 1m")
        XCTAssertNil(try setup("abuse").limiter, "abuse runs step 5's fixed window")
        XCTAssertEqual(describe(try setup("token-bucket").limiting), "step's own algorithm: yes, rate: 10 per 1m")
        XCTAssertEqual(try setup("production").limiter?.algorithm, "sliding-window")
        XCTAssertEqual(try setup("windows", ["algorithm": "fixed-window"]).limiter?.algorithm, "fixed-window")
        XCTAssertEqual(describe(try setup("abuse", ["limit": "none"]).limiting), "off")
        XCTAssertThrowsError(try setup("windows", ["algorithm": "leaky"]))
    }
}
