/// FNV-1a, 64-bit: a fixed, seedless hash, so feature indexes are the same in every process
/// (unlike Swift's `Hasher`, which is randomly seeded per run).
public enum FNV1a64 {
    public static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    public static let prime: UInt64 = 0x0000_0100_0000_01b3

    /// Hash of the UTF-8 bytes of `text`.
    public static func hash(_ text: String) -> UInt64 {
        var h = offsetBasis
        for byte in text.utf8 {
            h ^= UInt64(byte)
            h = h &* prime
        }
        return h
    }
}
