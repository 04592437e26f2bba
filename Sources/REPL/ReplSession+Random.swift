extension ReplSession {
    /// The next number of the session's seeded generator (`--seed`), for commands outside this module
    /// that need randomness a scripted session can reproduce (the lesson key of `serve start`).
    public func nextRandomNumber() -> UInt64 {
        generator.next()
    }
}
