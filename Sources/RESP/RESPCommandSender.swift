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
}

extension RESPCommandSender {
    public func pipeline(_ commands: [[String]]) async throws -> [RESPValue] {
        var replies: [RESPValue] = []
        replies.reserveCapacity(commands.count)
        for command in commands {
            replies.append(try await send(command))
        }
        return replies
    }
}
