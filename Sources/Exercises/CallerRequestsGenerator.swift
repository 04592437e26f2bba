import CourseKit
import SeededRandom

extension ExerciseGenerators {
    private static let proxies = ["10.0.0.1", "10.0.0.2", "172.16.5.4"]
    private static let clients = ["203.0.113.7", "198.51.100.23", "192.0.2.44", "2001:db8::5", "100.64.1.9"]
    private static let forged = ["1.2.3.4", "127.0.0.1", "8.8.8.8", "unknown", "203.0.113.7"]

    /// `caller-requests`: who is calling, in every combination the identify rule distinguishes. A key (absent,
    /// empty or real); a peer that is a client or one of the proxies; a trusted set of none, some or all of the
    /// proxies; an `X-Forwarded-For` (absent, or one to four entries of forged addresses, clients and proxies, with
    /// uneven spaces, tabs and the odd empty entry). Arguments: `peer`, `trusted_proxies`, and optionally `api_key`
    /// and `forwarded_for`.
    static func callerRequests(_ count: Int, _ random: inout SplitMix64) -> [[String: ExerciseValue]] {
        (0..<count).map { _ in
            let trusted = proxies.filter { _ in random.below(3) > 0 }
            var args: [String: ExerciseValue] = [
                "trusted_proxies": .array(trusted.map { .string($0) }),
                "peer": .string(
                    random.below(4) == 0 ? clients[random.below(clients.count)] : proxies[random.below(proxies.count)]),
            ]
            switch random.below(5) {
            case 0: args["api_key"] = .string("sk-\(random.below(1000))")
            case 1: args["api_key"] = .string("")
            default: break
            }
            if random.below(6) > 0 {
                var entries: [String] = []
                for _ in 0...random.below(4) {
                    let address: String
                    switch random.below(4) {
                    case 0: address = forged[random.below(forged.count)]
                    case 1: address = proxies[random.below(proxies.count)]
                    case 2: address = random.below(8) == 0 ? "" : clients[random.below(clients.count)]
                    default: address = clients[random.below(clients.count)]
                    }
                    entries.append([" ", "", "  ", "\t"][random.below(4)] + address + ["", "", " "][random.below(3)])
                }
                args["forwarded_for"] = .string(entries.joined(separator: ","))
            }
            return args
        }
    }
}
