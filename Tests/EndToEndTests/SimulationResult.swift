import Foundation

/// `archlab limit simulate --format json`, read back: each algorithm's decisions.
struct SimulationResult {
    struct Decision {
        var tMilliseconds: Int
        var allowed: Bool
        var remaining: Int
    }

    struct Run {
        var name: String
        var decisions: [Decision]

        var allowed: Int { decisions.count { $0.allowed } }
        var rejected: Int { decisions.count { !$0.allowed } }

        /// Allowed and rejected among the requests at `from` ms up to (not including) `to` ms.
        func counts(from: Int, to: Int) -> (allowed: Int, rejected: Int) {
            let inside = decisions.filter { $0.tMilliseconds >= from && $0.tMilliseconds < to }
            return (inside.count { $0.allowed }, inside.count { !$0.allowed })
        }
    }

    var runs: [Run]

    init(json: String) throws {
        let document = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        let algorithms = document?["algorithms"] as? [[String: Any]] ?? []
        runs = algorithms.map { algorithm in
            let decisions = (algorithm["decisions"] as? [[String: Any]] ?? []).map { decision in
                Decision(
                    tMilliseconds: decision["t_ms"] as? Int ?? -1, allowed: decision["allowed"] as? Bool ?? false,
                    remaining: decision["remaining"] as? Int ?? -1)
            }
            return Run(name: algorithm["name"] as? String ?? "", decisions: decisions)
        }
    }

    func run(_ name: String) -> Run? {
        runs.first { $0.name == name }
    }
}
