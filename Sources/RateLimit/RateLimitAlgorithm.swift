/// One rate-limiting algorithm as a pure function of a per-identifier state, the time
/// and the request's cost. Stores (in memory, RESP) only keep and persist the state, so
/// every store makes exactly the same decisions.
public protocol RateLimitAlgorithm: Sendable {
    /// What the algorithm remembers about one identifier.
    associatedtype State: Hashable, Sendable

    /// The name used on the command line and in reports, e.g. `sliding-window`.
    var name: String { get }

    /// The number reported as `limit`.
    var limit: Int { get }

    /// Whether `state` still matters at `now`. A state that is not live decides exactly
    /// like no state at all, so a store may drop it (this is how idle identifiers expire).
    func isLive(_ state: State, at now: Int64) -> Bool

    /// Decides one request of `cost` (at least 1) at `now`, updating `state` in place
    /// (`nil` means "nothing stored"; a state that is not live must be passed as `nil`).
    func decide(_ state: inout State?, now: Int64, cost: Int) -> RateLimitResult
}

extension RateLimitAlgorithm {
    /// Decides one request, first forgetting a state that is no longer live.
    @inlinable
    public func decideDroppingStale(_ state: inout State?, now: Int64, cost: Int) -> RateLimitResult {
        if let current = state, !isLive(current, at: now) {
            state = nil
        }
        return decide(&state, now: now, cost: max(1, cost))
    }
}
