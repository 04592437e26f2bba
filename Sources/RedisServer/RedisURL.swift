import Foundation

/// Where and how to connect: `redis://[user:password@]host[:port][/db]`.
public struct RedisURL: Sendable, Hashable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var username: String?
    public var password: String?
    public var database: Int

    public init(
        host: String = "127.0.0.1", port: Int = 6379, username: String? = nil, password: String? = nil,
        database: Int = 0
    ) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.database = database
    }

    /// Parses a `redis://` URL; user name and password may be percent-encoded.
    public init(parsing text: String) throws(RESPClientError) {
        guard let components = URLComponents(string: text), components.scheme?.lowercased() == "redis" else {
            throw .invalidURL(text, reason: "expected redis://[user:password@]host[:port][/db]")
        }
        var host = components.host ?? ""
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        self.host = host.isEmpty ? "127.0.0.1" : host
        self.port = components.port ?? 6379
        guard (1...65535).contains(self.port) else { throw .invalidURL(text, reason: "port out of range") }
        let user = components.user?.removingPercentEncoding ?? components.user
        self.username = (user?.isEmpty ?? true) ? nil : user
        self.password = components.password?.removingPercentEncoding ?? components.password
        let path = components.path.drop(while: { $0 == "/" })
        if path.isEmpty {
            self.database = 0
        } else if let database = Int(path), database >= 0 {
            self.database = database
        } else {
            throw .invalidURL(text, reason: "the path must be a database number")
        }
    }

    /// The URL with the password masked, for logs.
    public var description: String {
        var text = "redis://"
        if let username { text += username }
        if password != nil { text += ":***" }
        if username != nil || password != nil { text += "@" }
        text += host.contains(":") ? "[\(host)]" : host
        text += ":\(port)"
        if database != 0 { text += "/\(database)" }
        return text
    }
}
