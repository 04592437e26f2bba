/// Why a `RESPClient` could not connect or complete a command.
public struct RESPClientError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Kind: Sendable, Hashable {
        case invalidURL(String, reason: String)
        case handshakeFailed(command: String, reply: String)
        case connectionClosed
    }

    private let kind: Kind

    static func invalidURL(_ url: String, reason: String) -> RESPClientError {
        RESPClientError(kind: .invalidURL(url, reason: reason))
    }

    static func handshakeFailed(command: String, reply: String) -> RESPClientError {
        RESPClientError(kind: .handshakeFailed(command: command, reply: reply))
    }

    /// The connection closed before the reply arrived.
    public static let connectionClosed = RESPClientError(kind: .connectionClosed)

    public var description: String {
        switch kind {
        case .invalidURL(let url, let reason): return "invalid Redis URL '\(url)': \(reason)"
        case .handshakeFailed(let command, let reply): return "\(command) on connect failed: \(reply)"
        case .connectionClosed: return "the Redis connection closed before the reply arrived"
        }
    }
}
