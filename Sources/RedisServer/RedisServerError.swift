/// Why the server could not start.
public struct RedisServerError: Error, Sendable, CustomStringConvertible {
    private enum Kind: Sendable {
        case protectedMode(host: String)
        case cannotBind(host: String, port: Int, reason: String)
    }

    private let kind: Kind

    /// A non-loopback address without a password (Redis's protected mode).
    static func protectedMode(host: String) -> RedisServerError {
        RedisServerError(kind: .protectedMode(host: host))
    }

    static func cannotBind(host: String, port: Int, reason: String) -> RedisServerError {
        RedisServerError(kind: .cannotBind(host: host, port: port, reason: reason))
    }

    public var description: String {
        switch kind {
        case .protectedMode(let host):
            return "refusing to listen on \(host) without a password (protected mode): "
                + "bind to 127.0.0.1 or set --requirepass"
        case .cannotBind(let host, let port, let reason):
            return "cannot listen on \(host):\(port): \(reason)"
        }
    }
}
