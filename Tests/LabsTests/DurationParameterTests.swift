import Foundation
import XCTest

@testable import Labs

/// A duration parameter takes a bare number as seconds, as the FAQ's `archlab run exact-cache --set ttl=60` writes
/// it (Redis counts a TTL in seconds), and still refuses what is not a duration.
final class DurationParameterTests: XCTestCase {
    private func run(_ parameters: [String: String]) async throws -> ScenarioReport {
        try await ScenarioRunner(seed: 42).run(
            try ScenarioCatalog.scenario("exact-cache"), parameters: parameters.merging(["requests": "400"]) { $1 })
    }

    /// The run's report with `ttl` as written left out, so two spellings of one duration compare equal.
    private func measured(_ ttl: String) async throws -> ScenarioReport {
        var report = try await run(["ttl": ttl])
        XCTAssertEqual(report.parameters["ttl"], ttl, "the report keeps the value as written")
        report.parameters["ttl"] = nil
        return report
    }

    func testABareNumberIsSeconds() async throws {
        let bare = try await measured("60")
        let spelled = try await measured("60s")
        XCTAssertEqual(bare, spelled)
        let hour = try await measured("3600")
        XCTAssertNotEqual(bare.exactHits, hour.exactHits, "60 and 3600 seconds must not give the same run")
        let spelledHour = try await measured("1h")
        XCTAssertEqual(hour, spelledHour)
    }

    func testWhatIsNotADurationIsStillRefusedWithTheFormsItTakes() async throws {
        for text in ["-5", "1.5", "60 seconds", "0"] {
            do {
                _ = try await run(["ttl": text])
                XCTFail("ttl=\(text) should be refused")
            } catch let error as LabError {
                XCTAssertTrue(String(describing: error).contains("a number of seconds"), "\(error)")
            }
        }
    }
}
