import Synchronization

/// A model provider as the gateway's last stage calls it: the simulated LLM in labs and `serve`,
/// a fake in tests and exercises.
public protocol LLMClient: Sendable {
    /// Runs one call: its chunks with their times, how it ended and what it cost.
    mutating func call(_ request: LLMRequest, stream: Bool) -> LLMCall
}

/// The last stage: the LLM. Streams are forwarded chunk by chunk and accumulated
/// at the same time; the result says whether the whole answer made it, and only then may an
/// earlier stage cache it.
/// Calls are decided one at a time, in the order they arrive.
public final class LLMStage: Sendable {
    private let llm: Mutex<any LLMClient>

    public init(_ llm: some LLMClient) {
        self.llm = Mutex(llm)
    }

    public func answer(_ request: GatewayRequest) async throws -> GatewayResult {
        let call = llm.withLock { $0.call(request.request, stream: request.stream) }
        if case .failed(let status) = call.outcome {
            return GatewayResult(
                outcome: .miss, status: status == 500 ? 502 : status, text: "", llmCall: call,
                latencyMs: call.totalMs, complete: false
            )
        }
        guard request.onChunk != nil else {
            // No client reads chunk by chunk (a simulated run): what arrived is the call's whole delivery.
            return GatewayResult(
                outcome: .miss, status: 200, text: call.text, deliveredBy: call, latencyMs: call.totalMs,
                complete: call.outcome.isComplete
            )
        }
        // ANCHOR: accumulate
        // Forward each chunk as it arrives and keep a copy; the stream itself
        // cannot be cached.
        var accumulated = ""
        var delivered: [LLMChunk] = []
        for chunk in call.chunks {
            do {
                try await request.onChunk?(chunk, request)
            } catch {
                // The client went away midway: what we have is not an answer,
                // so nothing is cached.
                return GatewayResult(
                    outcome: .miss, status: 200, text: accumulated,
                    chunks: delivered, llmCall: call,
                    latencyMs: chunk.atMs, complete: false)
            }
            accumulated += chunk.text
            delivered.append(chunk)
        }
        // Only a stream that finished successfully is a complete answer.
        let complete = call.outcome.isComplete
        // ANCHOR_END: accumulate
        return GatewayResult(
            outcome: .miss, status: 200, text: accumulated, chunks: delivered, llmCall: call,
            latencyMs: call.totalMs, complete: complete
        )
    }
}
