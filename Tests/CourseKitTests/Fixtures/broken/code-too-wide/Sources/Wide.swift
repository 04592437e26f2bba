struct Wide {
    func run() {
        // ANCHOR: wide
        let fits = 1
        let tooWide = [1, 2, 3].map { value in value * 2 }.filter { value in value > 2 }.count
        // ANCHOR_END: wide
    }
}
