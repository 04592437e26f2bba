import Foundation

/// What the lessons say a quoted `archlab limit simulate` prints, as checks on a fresh run. Each claim names the
/// words of the lesson it checks (whitespace collapsed), so a changed figure in the text fails until the claim is
/// updated, and a changed simulator fails until the text is.
struct LimitSimulationClaim {
    var file: String
    /// The quoted command's arguments after `archlab`, without `--format json`.
    var arguments: [String]
    var prose: String
    /// nil when the run agrees with the prose, else what differs.
    var check: (SimulationResult) -> String?
}

enum LimitSimulationClaims {
    private static func simulate(_ options: String, traffic: String) -> [String] {
        ["limit", "simulate"] + options.split(separator: " ").map(String.init) + ["--traffic", traffic]
    }

    private static let bucket = "--capacity 10 --refill 5 --interval 10s"
    private static let burstThenSteady = "burst 20 at 0s; steady 1/s for 29s from 0.5s"
    private static let boundary = "--algorithm all --limit 5 --window 10s"

    /// `expected` against `actual` for the named algorithm's run, or what differs.
    private static func expect(
        _ name: String, in result: SimulationResult, _ facts: [(String, Int, (SimulationResult.Run) -> Int)]
    ) -> String? {
        guard let run = result.run(name) else { return "no \(name) run in the output" }
        let wrong = facts.compactMap { label, expected, actual in
            actual(run) == expected ? nil : "\(name): \(label) is \(actual(run)), not \(expected)"
        }
        return wrong.isEmpty ? nil : wrong.joined(separator: "; ")
    }

    static var all: [LimitSimulationClaim] {
        let stepwise = simulate("--algorithm token-bucket " + bucket, traffic: burstThenSteady)
        let continuous = simulate("--algorithm continuous-bucket " + bucket, traffic: burstThenSteady)
        let upstash = simulate(
            "--algorithm token-bucket " + bucket, traffic: "burst 10 at 0s; burst 1 at 1s; burst 10 at 15s")
        let single = simulate(boundary, traffic: "burst 10 at 9.9s")
        let straddle = simulate(boundary, traffic: "burst 10 at 9.9s; burst 10 at 10.1s")
        let lesson8 = simulate(
            "--algorithm sliding-window --limit 5 --window 10s", traffic: "burst 3 at 9.8s; burst 4 at 10.5s")
        let six = "Lessons/06-token-bucket.md"
        let seven = "Lessons/07-sliding-windows.md"
        return [
            LimitSimulationClaim(
                file: six, arguments: stepwise, prose: "The burst at 0 s gets 10 allowed and 10 rejected"
            ) { result in
                expect(
                    "token-bucket", in: result,
                    [
                        ("allowed at 0 s", 10, { $0.counts(from: 0, to: 1).allowed }),
                        ("rejected at 0 s", 10, { $0.counts(from: 0, to: 1).rejected }),
                    ])
            },
            LimitSimulationClaim(file: six, arguments: stepwise, prose: "5 after t = 10 s and 5 after t = 20 s") {
                expect(
                    "token-bucket", in: $0,
                    [
                        ("allowed between 0.5 s and 10 s", 0, { $0.counts(from: 1, to: 10_000).allowed }),
                        ("allowed from 10 s to 20 s", 5, { $0.counts(from: 10_000, to: 20_000).allowed }),
                        ("allowed from 20 s on", 5, { $0.counts(from: 20_000, to: Int.max).allowed }),
                    ])
            },
            LimitSimulationClaim(file: six, arguments: stepwise, prose: "**20 allowed and 29 rejected**") {
                expect("token-bucket", in: $0, [("allowed", 20, \.allowed), ("rejected", 29, \.rejected)])
            },
            LimitSimulationClaim(
                file: six, arguments: stepwise, prose: "20 allowed in blocks of 5, against 24 spread evenly"
            ) {
                expect("token-bucket", in: $0, [("allowed", 20, \.allowed)])
            },
            LimitSimulationClaim(
                file: six, arguments: continuous,
                prose: "**24 allowed**: the burst's 10 and 14 of the 29 steady requests"
            ) {
                expect(
                    "continuous-bucket", in: $0,
                    [
                        ("allowed", 24, \.allowed), ("allowed at 0 s", 10, { $0.counts(from: 0, to: 1).allowed }),
                        ("steady requests", 29, { $0.decisions.count - 20 }),
                    ])
            },
            LimitSimulationClaim(
                file: six, arguments: upstash,
                prose: "15 allowed and 6 rejected: 10 at 0 s, the one at 1 s rejected, 5 of the 10 at 15 s"
            ) {
                expect(
                    "token-bucket", in: $0,
                    [
                        ("allowed", 15, \.allowed), ("rejected", 6, \.rejected),
                        ("allowed at 0 s", 10, { $0.counts(from: 0, to: 1).allowed }),
                        ("allowed at 1 s", 0, { $0.counts(from: 1_000, to: 1_001).allowed }),
                        ("allowed at 15 s", 5, { $0.counts(from: 15_000, to: 15_001).allowed }),
                    ])
            },
            LimitSimulationClaim(
                file: seven, arguments: single,
                prose: "The first simulation gives 5 allowed and 5 rejected for every algorithm"
            ) { result in
                let wrong = result.runs.filter { $0.allowed != 5 || $0.rejected != 5 }
                    .map { "\($0.name): \($0.allowed) allowed, \($0.rejected) rejected" }
                return result.runs.count < 3 ? "only \(result.runs.count) algorithms ran"
                    : wrong.isEmpty ? nil : wrong.joined(separator: "; ")
            },
            LimitSimulationClaim(file: seven, arguments: straddle, prose: "**10 allowed within 200 ms**") {
                expect(
                    "fixed-window", in: $0,
                    [("allowed", 10, \.allowed), ("allowed at 10.1 s", 5, { $0.atTenPointOne })])
            },
            LimitSimulationClaim(
                file: seven, arguments: straddle, prose: "only **1** more request is allowed. That makes **6** in total"
            ) {
                expect(
                    "sliding-window", in: $0,
                    [("allowed", 6, \.allowed), ("allowed at 10.1 s", 1, { $0.atTenPointOne })])
            },
            LimitSimulationClaim(file: seven, arguments: straddle, prose: "**0** more are allowed. **5** in total") {
                expect(
                    "sliding-log", in: $0,
                    [("allowed", 5, \.allowed), ("allowed at 10.1 s", 0, { $0.atTenPointOne })])
            },
            LimitSimulationClaim(
                file: seven, arguments: straddle,
                prose: "comes at 19.9 s. **5** in total. `continuous-bucket` and `gcra` admit 5 as well"
            ) { result in
                let wrong = ["token-bucket", "continuous-bucket", "gcra"].compactMap {
                    expect($0, in: result, [("allowed", 5, \.allowed)])
                }
                return wrong.isEmpty ? nil : wrong.joined(separator: "; ")
            },
            LimitSimulationClaim(
                file: seven, arguments: straddle,
                prose: "admit 10 against a limit of 5, the sliding window 6 and the sliding log 5"
            ) { result in
                let wrong = [("fixed-window", 10), ("sliding-window", 6), ("sliding-log", 5)].compactMap {
                    expect($0.0, in: result, [("allowed", $0.1, \.allowed)])
                }
                return wrong.isEmpty ? nil : wrong.joined(separator: "; ")
            },
            LimitSimulationClaim(
                file: "Lessons/08-http-429.md", arguments: lesson8,
                prose: "6 allowed, `RateLimit-Remaining` 4, 3, 2, then 2, 1, 0, and one 429"
            ) { result in
                guard let run = result.run("sliding-window") else { return "no sliding-window run" }
                let remaining = run.decisions.filter(\.allowed).map(\.remaining)
                if run.allowed != 6 || run.rejected != 1 {
                    return "\(run.allowed) allowed and \(run.rejected) rejected, not 6 and 1"
                }
                return remaining == [4, 3, 2, 2, 1, 0] ? nil : "remaining \(remaining), not [4, 3, 2, 2, 1, 0]"
            },
        ]
    }
}

extension SimulationResult.Run {
    /// Requests allowed at 10.1 s, the second half of lesson 7's boundary burst.
    fileprivate var atTenPointOne: Int { counts(from: 10_100, to: 10_101).allowed }
}
