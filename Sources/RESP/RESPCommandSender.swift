/// Anything that runs one Redis command and returns its reply: a network client
/// (`RESPClient` in RedisServer) or an in-process keyspace. Rate limiters and caches
/// are written against this, so they run unchanged on `archlab redis-server`, a real
/// Redis, or the learner's in-process Keyspace.
public protocol RESPCommandSender: AnyObject, Sendable {
    /// Sends one command (`["SET", "k", "v", "EX", "60"]`) and returns its reply.
    /// Calls on one sender are answered in the order they were made; an error reply
    /// is returned as `.error`, while I/O failures throw.
    func send(_ arguments: [String]) async throws -> RESPValue

    /// Sends several commands and returns their replies in order. A network client sends
    /// them in one write (one round trip); the default sends them one by one.
    func pipeline(_ commands: [[String]]) async throws -> [RESPValue]

    /// Sends commands whose arguments are bytes (a vector stored as a FLOAT32 blob is not text) and
    /// returns their replies in order. The default sends arguments that are valid UTF-8 through
    /// `pipeline` and throws ``RESPBinaryArgumentsUnsupported`` for the others.
    func sendRaw(_ commands: [[[UInt8]]]) async throws -> [RESPValue]

    /// False once a network connection is known to be closed (the server went away), so a pool
    /// opens a new one instead of failing a call on it; always true by default.
    var isOpen: Bool { get }
}

/// A sender that only takes text was given an argument that is not valid UTF-8.
public struct RESPBinaryArgumentsUnsupported: Error, Hashable, Sendable, CustomStringConvertible {
    public init() {}

    public var description: String { "this RESP connection cannot send binary (non-UTF-8) arguments" }
}

extension RESPCommandSender {
    public var isOpen: Bool { true }

    public func pipeline(_ commands: [[String]]) async throws -> [RESPValue] {
        var replies: [RESPValue] = []
        replies.reserveCapacity(commands.count)
        for command in commands {
            replies.append(try await send(command))
        }
        return replies
    }

    public func sendRaw(_ commands: [[[UInt8]]]) async throws -> [RESPValue] {
        var texts: [[String]] = []
        texts.reserveCapacity(commands.count)
        for command in commands {
            var arguments: [String] = []
            for bytes in command {
                guard let text = String(validating: bytes, as: UTF8.self) else {
                    throw RESPBinaryArgumentsUnsupported()
                }
                arguments.append(text)
            }
            texts.append(arguments)
        }
        return try await pipeline(texts)
    }
}
