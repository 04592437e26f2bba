// Provided by ArchLab: do not edit (`archlab check` verifies this file before every check).
import Foundation

/// What a model bills, in dollars per million input and output tokens. `Decimal`, because dollars added up
/// over a month must come out exact to the cent.
public struct ModelPrice: Equatable {
    public var inputPerMillion: Decimal
    public var outputPerMillion: Decimal

    public init(inputPerMillion: Decimal, outputPerMillion: Decimal) {
        self.inputPerMillion = inputPerMillion
        self.outputPerMillion = outputPerMillion
    }

    /// OpenAI's list price for gpt-4o: $2.50 per million input tokens, $10.00 per million output tokens.
    public static let gpt4o = ModelPrice(inputPerMillion: Decimal(250) / 100, outputPerMillion: 10)
}

/// A streamed answer as the model produces it.
public protocol ModelStream: AnyObject {
    /// The next chunk; nil when the stream completed; throws when the stream was aborted.
    func next() throws -> String?
}

/// The client's end of a streamed response; `send` throws when the client went away.
public protocol ChunkSink: AnyObject {
    func send(_ chunk: String) throws
}

/// A model that can also stream its answer.
public protocol StreamingModelService: ModelService {
    func stream(_ request: ChatRequest) throws -> ModelStream
}

/// A request as it reaches the gateway's handler: the chat request plus who sent it and when.
public struct GatewayRequest {
    public var chat: ChatRequest
    /// The `Authorization: Bearer` key, when the caller sent one.
    public var apiKey: String?
    /// The address of the connection's peer.
    public var peerAddress: String
    /// The `X-Forwarded-For` header as the client sent it (anyone can forge it).
    public var forwardedFor: String?
    public var stream: Bool
    /// Arrival time, Unix milliseconds (given, never read from a clock).
    public var nowMs: Int64
    /// The prompt's embedding, computed by ArchLab, so no model is needed here.
    public var embedding: [Float]

    public init(
        chat: ChatRequest, apiKey: String?, peerAddress: String, forwardedFor: String? = nil, stream: Bool = false,
        nowMs: Int64, embedding: [Float] = []
    ) {
        self.chat = chat
        self.apiKey = apiKey
        self.peerAddress = peerAddress
        self.forwardedFor = forwardedFor
        self.stream = stream
        self.nowMs = nowMs
        self.embedding = embedding
    }
}

/// The gateway's answer to one request.
public struct GatewayResponse: Equatable {
    public var status: Int
    public var headers: [String: String]
    /// The answer's text, or the error message of a refused request.
    public var body: String
    /// What a streaming client received, in order (empty for a non-streamed response).
    public var chunks: [String]

    public init(status: Int, headers: [String: String] = [:], body: String, chunks: [String] = []) {
        self.status = status
        self.headers = headers
        self.body = body
        self.chunks = chunks
    }
}
