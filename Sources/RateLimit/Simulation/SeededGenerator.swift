import SeededRandom

/// The simulations' seeded generator, so simulated traffic with random arrivals is the same on
/// every run with the same seed.
public typealias SeededGenerator = SplitMix64
