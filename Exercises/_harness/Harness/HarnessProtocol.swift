// Provided by ArchLab: do not edit (`archlab check` verifies this file before every check).
import Foundation

/// One exercise's calls: `tokenBucket.limit` goes to the adapter whose `namespace` is `tokenBucket`.
/// A fresh adapter is made for every test (`harness.reset`), so no state leaks between tests.
protocol HarnessAdapter: AnyObject {
    static var namespace: String { get }
    init()
    /// Runs one call (`limit` for `tokenBucket.limit`) and returns a JSON value (dictionary, array, string, number…).
    func call(_ name: String, _ args: HarnessArgs) throws -> Any
}

/// A call the adapter does not know, or arguments it cannot use.
struct HarnessError: Error, CustomStringConvertible {
    let description: String
}

/// The arguments of one call, with typed accessors.
struct HarnessArgs {
    let values: [String: Any]

    func string(_ key: String) throws -> String {
        guard let value = values[key] as? String else {
            throw HarnessError(description: "argument `\(key)` must be a string")
        }
        return value
    }

    func int(_ key: String) throws -> Int {
        if let value = values[key] as? Int { return value }
        if let value = values[key] as? Double, value == value.rounded() { return Int(value) }
        throw HarnessError(description: "argument `\(key)` must be an integer")
    }

    func double(_ key: String) throws -> Double {
        if let value = values[key] as? Double { return value }
        if let value = values[key] as? Int { return Double(value) }
        throw HarnessError(description: "argument `\(key)` must be a number")
    }
}

/// Where the checker's Redis server listens (`127.0.0.1:PORT`), from `ARCHLAB_REDIS_ADDRESS`.
enum HarnessEnvironment {
    static func redisAddress() throws -> String {
        guard let address = ProcessInfo.processInfo.environment["ARCHLAB_REDIS_ADDRESS"] else {
            throw HarnessError(description: "no Redis server was given (ARCHLAB_REDIS_ADDRESS)")
        }
        return address
    }
}
