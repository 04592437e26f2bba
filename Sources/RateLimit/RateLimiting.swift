/// Anything that decides requests for identifiers: the in-memory limiter, or the one
/// backed by a Redis-compatible server. The gateway and the REPL are written against this.
public protocol RateLimiting: AnyObject, Sendable {
    /// Decides one request of `cost` for `identifier` (`prefix:identifier` in a shared store).
    func limit(_ identifier: String, cost: Int) async throws -> RateLimitResult
}
