// Provided by ArchLab: do not edit (`archlab check` verifies this file before every check).
import ServerSupport
import ServerSwift

/// `tokenBucket.limit`: one request against the bucket named by `bucket` and `key`, made on first use.
final class TokenBucketCalls: HarnessAdapter {
    static let namespace = "tokenBucket"
    private var buckets: [String: TokenBucket] = [:]

    init() {}

    func call(_ name: String, _ args: HarnessArgs) throws -> Any {
        guard name == "limit" else { throw HarnessError(description: "unknown call tokenBucket.\(name)") }
        let id = try args.string("bucket") + "/" + args.string("key")
        var bucket =
            try buckets[id]
            ?? TokenBucket(
                capacity: args.int("capacity"), refillRate: args.int("refill_rate"),
                intervalMs: Int64(args.int("interval_ms")))
        let decision = bucket.limit(nowMs: Int64(try args.int("now_ms")))
        buckets[id] = bucket
        return ["allowed": decision.allowed, "remaining": decision.remaining, "reset_ms": decision.resetMs]
    }
}
