struct Stage {
    func run() {
        // ANCHOR: lookup
        let key = hash(prompt)
        // ANCHOR: inner
        if let hit = cache[key] {
            return hit
        }
        // ANCHOR_END: inner
        // ANCHOR_END: lookup
    }
}
