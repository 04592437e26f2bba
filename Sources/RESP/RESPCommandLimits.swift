/// Limits a server checks while parsing requests, before it allocates anything for them.
/// The defaults are Redis 7.0's.
public struct RESPCommandLimits: Sendable, Hashable {
    /// Longest bulk argument (`proto-max-bulk-len`, 512 MB).
    public var maxBulkLength: Int
    /// Most arguments in one multi-bulk command.
    public var maxMultibulkCount: Int
    /// Longest header line or inline request searched for its line end (64 KB).
    public var maxInlineLength: Int
    /// Most arguments a client that still has to authenticate may send in one command.
    public var unauthenticatedMaxMultibulkCount: Int
    /// Longest argument a client that still has to authenticate may send.
    public var unauthenticatedMaxBulkLength: Int

    public init(
        maxBulkLength: Int = 512 * 1024 * 1024,
        maxMultibulkCount: Int = Int(Int32.max),
        maxInlineLength: Int = 64 * 1024,
        unauthenticatedMaxMultibulkCount: Int = 10,
        unauthenticatedMaxBulkLength: Int = 16384
    ) {
        self.maxBulkLength = maxBulkLength
        self.maxMultibulkCount = maxMultibulkCount
        self.maxInlineLength = maxInlineLength
        self.unauthenticatedMaxMultibulkCount = unauthenticatedMaxMultibulkCount
        self.unauthenticatedMaxBulkLength = unauthenticatedMaxBulkLength
    }
}
