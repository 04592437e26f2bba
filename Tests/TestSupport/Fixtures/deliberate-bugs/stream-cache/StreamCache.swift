import ServerSupport

// A deliberate bug for ExerciseBugsEndToEndTests: a cache write on abort.

/// Passes a streamed answer on to the client while keeping a copy.
public enum StreamForwarder {
    /// Sends each chunk to `client` as it arrives while accumulating them. Returns the whole text when the
    /// stream completed, nil when it was aborted (next() threw) or the client went away (send threw).
    public static func forward(_ stream: ModelStream, to client: ChunkSink) -> String? {
        var text = ""
        do {
            while let chunk = try stream.next() {
                try client.send(chunk)
                text += chunk
            }
        } catch {
            return nil
        }
        return text
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

    /// A cached answer goes to the client as one chunk; otherwise the model's stream is forwarded, and stored
    /// with `SETEX` only when it completed.
    public func answer(_ request: ChatRequest, key: String, to client: ChunkSink) throws {
        if let cached = try redis.send(["GET", key]).text {
            try? client.send(cached)
            return
        }
        // The bug: whatever arrived is stored, even when the stream was aborted.
        let stream = try model.stream(request)
        var text = ""
        do {
            while let chunk = try stream.next() {
                try client.send(chunk)
                text += chunk
            }
        } catch {}
        _ = try redis.send(["SETEX", key, String(ttlSeconds), text])
    }
}
