import Crypto
import RateLimit

/// One key a server issued (`archlab serve --keys FILE`): who holds it, the cache partition its
/// requests use, and its own limit. The key itself is kept only as its SHA-256 digest.
public struct APIKey: Sendable, Hashable {
    /// The holder's name: what the limiter counts against and what logs may show (never the key).
    public let name: String
    /// The tenant (cache partition) of the key's requests; nil for the default tenant.
    public let tenant: String?
    /// The key's own limit, replacing the server's `--limit`; nil for the server's.
    public let limit: LimitRate?
    let digest: [UInt8]

    /// A key named `name` whose secret is `key`.
    public init(name: String, key: String, tenant: String? = nil, limit: LimitRate? = nil) {
        self.name = name
        self.tenant = tenant
        self.limit = limit
        self.digest = Array(SHA256.hash(data: Array(key.utf8)))
    }
}

/// The keys a server accepts. A presented key is matched in constant time: it is hashed with
/// SHA-256 and its digest compared with every issued key's digest without stopping early, so
/// neither a wrong byte's position nor the matching key's place in the file shows in the timing.
public struct APIKeyring: Sendable {
    public let keys: [APIKey]

    public init(_ keys: [APIKey]) {
        self.keys = keys
    }

    // ANCHOR: match
    /// The issued key equal to `presented`, or nil for a missing or unknown key.
    public func match(_ presented: String?) -> APIKey? {
        let digest = Array(SHA256.hash(data: Array((presented ?? "").utf8)))
        var found: APIKey?
        for key in keys where ConstantTime.equal(key.digest, digest) && presented != nil {
            found = key
        }
        return found
    }
    // ANCHOR_END: match
}

/// Comparison whose running time does not depend on where two byte strings differ.
public enum ConstantTime {
    /// Whether `a` and `b` hold the same bytes; every byte is visited whatever the first difference.
    /// Lengths are not secret here (both sides are SHA-256 digests, 32 bytes).
    public static func equal<A: Collection<UInt8>, B: Collection<UInt8>>(_ a: A, _ b: B) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for (x, y) in zip(a, b) {
            difference |= x ^ y
        }
        return difference == 0
    }
}
