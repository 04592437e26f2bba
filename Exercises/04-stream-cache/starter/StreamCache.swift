import ServerSupport

/// Passes a streamed answer on to the client while keeping a copy.
public enum StreamForwarder {
    /// Sends each chunk to `client` as it arrives (the client must not wait for the end) while accumulating them.
    /// `stream.next()` returns the next chunk, nil when the stream completed, and throws when it was aborted;
    /// `client.send(_:)` throws when the client went away. Returns the whole text when the stream completed, nil
    /// when it was aborted or the client went away: half an answer is not an answer.
    public static func forward(_ stream: ModelStream, to client: ChunkSink) -> String? {
        // TODO: read, send and accumulate each chunk; nil on any failure.
        return nil
    }
}

/// Step 4 of server.swift: streamed answers are cached too, but only once the whole answer arrived.
public struct StreamCache {
    public let redis: RESPConnection
    public let model: StreamingModelService
    /// How long a cached answer lives, in seconds.
    public let ttlSeconds = 3600

    public init(redis: RESPConnection, model: StreamingModelService) {
        self.redis = redis
        self.model = model
    }

    /// Streams the answer to `request` to `client`. `GET key` first: a cached answer goes to the client as one
    /// chunk, without calling the model (a client gone by then is no error). On a miss, stream from the model
    /// with `StreamForwarder.forward`, and only when it returns the whole text store it with
    /// `SETEX key 3600 text`. An aborted stream, or one the client left, is never stored: the next request
    /// would be served half an answer for an hour.
    public func answer(_ request: ChatRequest, key: String, to client: ChunkSink) throws {
        // TODO: GET; on a miss forward the model's stream and SETEX only a complete answer.
        _ = StreamForwarder.forward(try model.stream(request), to: client)
    }
}
