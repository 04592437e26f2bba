import SeededRandom

/// The keyspace's seeded generator: `SPOP`, random eviction and sampling draw from it, so a
/// keyspace built with the same seed behaves the same way every run.
public typealias KeyspaceRandom = SplitMix64
